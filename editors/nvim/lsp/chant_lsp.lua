---@brief
---
--- https://github.com/REPLACE-WITH-OWNER/chant-lsp
---
--- Language server for chant specs: the Markdown work items with YAML frontmatter under
--- `.chant/specs/`. It reports what `chant lint` would (and what chant misses, such as dependency
--- cycles and missing files) as you type, and offers navigation, hover, completion and rename.
---
--- Install a prebuilt binary from the releases page
--- (https://github.com/REPLACE-WITH-OWNER/chant-lsp/releases), with `:MasonInstall chant-lsp`,
--- or from source:
---
--- ```sh
--- cargo install --locked chant-lsp
--- ```
---
--- The server attaches to Markdown buffers inside a folder holding `.chant/` and only reports
--- on the specs of that workspace.
---@type vim.lsp.Config
return {
  cmd = { 'chant-lsp' },
  filetypes = { 'markdown' },
  root_markers = { '.chant' },
}
