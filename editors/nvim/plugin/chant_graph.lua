-- :ChantGraph — the spec graph from chant-lsp in a scratch buffer (Neovim 0.11+).
--
--   :ChantGraph [mermaid|dot|json] [DEPTH]    the current spec and its neighbours DEPTH links away
--   :ChantGraph! [mermaid|dot|json]           the whole workspace
--
-- Loaded automatically when this folder is on 'runtimepath'. It asks the attached chant_lsp
-- client to run its `chant-lsp.graph` command, the same graph `chant-lsp graph` prints.
-- Render Mermaid with any Mermaid previewer, DOT with `:w !dot -Tsvg -o graph.svg`.

local FORMATS = { mermaid = 'mermaid', dot = 'dot', json = 'json' }

local function show(text, format)
  vim.cmd('botright new')
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].swapfile = false
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(text, '\n', { trimempty = true }))
  vim.bo[buf].filetype = FORMATS[format]
  vim.bo[buf].modified = false
end

local function chant_graph(opts)
  local source = vim.api.nvim_get_current_buf()
  local client = vim.lsp.get_clients({ bufnr = source, name = 'chant_lsp' })[1]
  if not client then
    vim.notify('ChantGraph: chant-lsp is not attached to this buffer', vim.log.levels.ERROR)
    return
  end
  local format, depth = 'mermaid', 1
  for _, word in ipairs(opts.fargs) do
    if tonumber(word) then
      depth = tonumber(word)
    elseif FORMATS[word] then
      format = word
    else
      vim.notify('ChantGraph: unknown argument ' .. word .. ' (mermaid, dot, json or a depth)', vim.log.levels.ERROR)
      return
    end
  end
  local argument = { uri = vim.uri_from_bufnr(source), focus = not opts.bang, depth = depth, format = format }
  local params = { command = 'chant-lsp.graph', arguments = { argument } }
  client:request('workspace/executeCommand', params, function(err, result)
    if err then
      vim.notify('ChantGraph: ' .. err.message, vim.log.levels.ERROR)
    elseif result == vim.NIL or result == nil then
      vim.notify('ChantGraph: this buffer is not in a chant workspace', vim.log.levels.WARN)
    else
      show(result.text or vim.json.encode(result), format)
    end
  end, source)
end

vim.api.nvim_create_user_command('ChantGraph', chant_graph, {
  bang = true,
  nargs = '*',
  desc = 'Show the chant spec graph (current spec, or the workspace with !)',
  complete = function()
    return { 'mermaid', 'dot', 'json' }
  end,
})
