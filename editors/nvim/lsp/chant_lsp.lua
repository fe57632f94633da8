-- chant-lsp for Neovim 0.11+ (vim.lsp.config format).
--
-- Use it in one of two ways, then call `vim.lsp.enable('chant_lsp')` in your init.lua:
--   * put this repository's `editors/nvim` folder on 'runtimepath', e.g.
--       vim.opt.runtimepath:prepend('/path/to/chant-lsp/editors/nvim')
--   * or copy this file to `~/.config/nvim/lsp/chant_lsp.lua`.
--
-- The `chant-lsp` binary must be on PATH. The server attaches to Markdown buffers inside a
-- folder holding `.chant/`; override fields with `vim.lsp.config('chant_lsp', { ... })`.
return {
  cmd = { 'chant-lsp' },
  filetypes = { 'markdown' },
  root_markers = { '.chant' },
}
