-- End-to-end test of chant-lsp in a real Neovim (0.11+), using the shipped config
-- `editors/nvim/lsp/chant_lsp.lua` unchanged.
--
--   nvim --headless --clean -l e2e.lua <workspace> <server-binary> [<chant-stand-in> <its-record>]
--
-- <workspace> is a scratch copy of examples/oss-maintainer-workflow (this script adds a spec to
-- it). The server binary is found through PATH, as a user's would: its folder is put first on
-- PATH and the binary must be named `chant-lsp`. Prints one PASS/FAIL line per check; exits
-- non-zero when a check fails or the whole run takes longer than TIMEOUT_MS.

local TIMEOUT_MS = 60000
local WAIT_MS = 15000

local workspace = arg[1] and vim.fn.fnamemodify(arg[1], ':p'):gsub('/$', '')
local server = arg[2] and vim.fn.fnamemodify(arg[2], ':p')
-- A recording stand-in for chant: it appends `cwd<TAB>arg<TAB>arg…` lines to its record.
local chant_stand_in, chant_record = arg[3], arg[4]
local nvim_dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h')

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local passed, failed = 0, 0

local function finish()
  out(('e2e: %d passed, %d failed'):format(passed, failed))
  if failed > 0 then
    vim.cmd('cquit 1')
  end
  vim.cmd('qall!')
end

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out('PASS ' .. name .. (detail and (': ' .. detail) or ''))
  else
    failed = failed + 1
    out('FAIL ' .. name .. (detail and (': ' .. detail) or ''))
  end
  return ok
end

if not workspace or not server then
  out('usage: nvim --headless --clean -l e2e.lua <workspace> <server-binary>')
  vim.cmd('cquit 2')
end

-- Never hang: the timer fires during any vim.wait below.
local deadline = vim.uv.new_timer()
deadline:start(TIMEOUT_MS, 0, vim.schedule_wrap(function()
  failed = failed + 1
  out(('FAIL timeout: the test did not finish within %d ms'):format(TIMEOUT_MS))
  finish()
end))

-- The shipped config, found on runtimepath; the server found on PATH.
vim.opt.runtimepath:prepend(nvim_dir)
-- Startup has sourced plugin/ scripts already (before this file ran), as it would have after a
-- user's init.lua put the folder on runtimepath; source ours the same way.
vim.cmd.runtime('plugin/chant_graph.lua')
vim.cmd.runtime('plugin/chant_actions.lua')
vim.env.PATH = vim.fn.fnamemodify(server, ':h') .. ':' .. vim.env.PATH
check('server on PATH', vim.fn.exepath('chant-lsp') == server, vim.fn.exepath('chant-lsp'))
vim.lsp.enable('chant_lsp')

local function read_lines(path)
  local lines = {}
  for l in io.lines(path) do
    lines[#lines + 1] = l
  end
  return lines
end

-- 0-based index of the first `# ` heading (the spec's title line) and its text.
local function title_of(path)
  for i, l in ipairs(read_lines(path)) do
    if l:match('^# ') then
      return i - 1, l:sub(3)
    end
  end
end

local function client_for(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'chant_lsp' })[1]
end

local function open(rel)
  vim.cmd.edit(vim.fn.fnameescape(workspace .. '/' .. rel))
  local buf = vim.api.nvim_get_current_buf()
  local attached = vim.wait(WAIT_MS, function()
    local c = client_for(buf)
    return c ~= nil and c.initialized and vim.lsp.buf_is_attached(buf, c.id)
  end, 20)
  return buf, attached and client_for(buf) or nil
end

-- The one chant_lsp result of a request, or nil and an error text.
local function request(buf, method, params)
  local res, err = vim.lsp.buf_request_sync(buf, method, params, WAIT_MS)
  if not res then
    return nil, tostring(err)
  end
  for _, r in pairs(res) do
    if r.err then
      return nil, vim.inspect(r.err)
    end
    return r.result
  end
  return nil, 'no response'
end

-- Positions here are ASCII, so byte columns equal every encoding's character offsets.
local function position_params(buf, line, col)
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col } }
end

-- A spec whose `## Acceptance Criteria` box chant counts, for the code action check.
local criteria_rel = '.chant/specs/007-e2e-criteria.md'
do
  local f = assert(io.open(workspace .. '/' .. criteria_rel, 'w'))
  f:write(table.concat({
    '---',
    'type: code',
    'status: pending',
    'target_files:',
    '- src/storage/store.py',
    '---',
    '# E2E: toggle a criterion',
    '',
    '## Acceptance Criteria',
    '',
    '- [ ] one',
    '',
  }, '\n'))
  f:close()
end

local spec_rel = '.chant/specs/006-upstream-pr.md'
local dep_rel = '.chant/archive/005-fork-f/005-fork-fix.md'

-- (0) The shipped config starts the server for the spec, rooted at the workspace.
local buf, client = open(spec_rel)
if not check('attach', client ~= nil and client.root_dir == workspace,
    client and ('root_dir ' .. tostring(client.root_dir) .. ', encoding ' .. client.offset_encoding)
      or 'no chant_lsp client attached to ' .. spec_rel) then
  finish()
end

-- (1) Diagnostics: exactly these codes on these (0-based) lines.
local expected = { 'archived-dependency@4', 'missing-file@9', 'type-field-missing@1', 'type-field-missing@1' }
local function seen()
  local got = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    got[#got + 1] = ('%s@%d'):format(tostring(d.code), d.lnum)
  end
  table.sort(got)
  return got
end
local same = vim.wait(WAIT_MS, function()
  return vim.deep_equal(seen(), expected)
end, 20)
check('diagnostics', same, 'got {' .. table.concat(seen(), ', ') .. '}, want {' .. table.concat(expected, ', ') .. '}')

-- The `005-fork-fix` entry of depends_on (line 5 of the file).
local dep_line = 4
local dep_col = vim.api.nvim_buf_get_lines(buf, dep_line, dep_line + 1, true)[1]:find('005-fork-fix', 1, true) + 1
local title_line, title = title_of(workspace .. '/' .. dep_rel)

-- (2) Go to definition on the id lands on the archived spec's title line.
do
  local result, err = request(buf, 'textDocument/definition', position_params(buf, dep_line, dep_col))
  if result and result.uri or result and result.targetUri then
    result = { result }
  end
  local loc = result and result[1]
  local uri = loc and (loc.uri or loc.targetUri)
  local range = loc and (loc.targetSelectionRange or loc.range)
  local path = uri and vim.uri_to_fname(uri)
  local line = range and range.start.line
  check('definition', path == workspace .. '/' .. dep_rel and line == title_line,
    err or ('%s:%s, want %s:%d'):format(tostring(path), tostring(line), dep_rel, title_line))

  -- The same through the user-facing command: the window jumps there.
  vim.api.nvim_win_set_cursor(0, { dep_line + 1, dep_col })
  vim.lsp.buf.definition()
  local jumped = vim.wait(WAIT_MS, function()
    return vim.api.nvim_buf_get_name(0) == workspace .. '/' .. dep_rel
  end, 20)
  local row = vim.api.nvim_win_get_cursor(0)[1] - 1
  check('definition (jump)', jumped and row == title_line,
    ('window on %s line %d'):format(vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':.'), row))
  vim.api.nvim_set_current_buf(buf)
end

-- (3) Hover on the id shows the target's title, as markdown.
do
  local result, err = request(buf, 'textDocument/hover', position_params(buf, dep_line, dep_col))
  local contents = result and result.contents
  local kind = contents and contents.kind
  local value = contents and (contents.value or contents)
  local ok = kind == 'markdown' and type(value) == 'string' and value:find(title, 1, true) ~= nil
  check('hover', ok, err or (ok and ('markdown with "' .. title .. '"') or vim.inspect(contents)))
end

-- (4) "Mark done" on a counted acceptance criterion, applied, checks the box.
do
  local cbuf, cclient = open(criteria_rel)
  local row = #vim.api.nvim_buf_get_lines(cbuf, 0, -1, true) - 1
  while row > 0 and vim.api.nvim_buf_get_lines(cbuf, row, row + 1, true)[1] ~= '- [ ] one' do
    row = row - 1
  end
  local function actions()
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(cbuf) },
      range = { start = { line = row, character = 0 }, ['end'] = { line = row, character = 0 } },
      context = { diagnostics = {} },
    }
    local result = request(cbuf, 'textDocument/codeAction', params) or {}
    local by_title = {}
    for _, a in ipairs(result) do
      by_title[a.title] = a
    end
    return by_title
  end
  local function titles(by_title)
    local t = vim.tbl_keys(by_title)
    table.sort(t)
    return '{' .. table.concat(t, ', ') .. '}'
  end
  local function line_text()
    return vim.api.nvim_buf_get_lines(cbuf, row, row + 1, true)[1]
  end

  local by_title = {}
  local offered = cclient ~= nil and vim.wait(WAIT_MS, function()
    by_title = actions()
    return by_title['Mark done'] ~= nil
  end, 50)
  local done = by_title['Mark done']
  check('code action offered',
    offered and done.kind == 'refactor.rewrite' and done.disabled == nil and done.edit ~= nil,
    '"Mark done" on "' .. tostring(line_text()) .. '" among ' .. titles(by_title))
  if done and done.edit then
    vim.lsp.util.apply_workspace_edit(done.edit, cclient.offset_encoding)
  end
  check('code action applied', line_text() == '- [x] one', 'line now "' .. tostring(line_text()) .. '"')

  -- The server sees the edit and offers the reverse.
  local undone = vim.wait(WAIT_MS, function()
    by_title = actions()
    return by_title['Mark not done'] ~= nil
  end, 50)
  local not_done = by_title['Mark not done']
  if not_done and not_done.edit then
    vim.lsp.util.apply_workspace_edit(not_done.edit, cclient.offset_encoding)
  end
  check('code action reversed', undone and line_text() == '- [ ] one',
    '"Mark not done" among ' .. titles(by_title) .. ', line now "' .. tostring(line_text()) .. '"')
end

-- (5) :ChantGraph (editors/nvim/plugin/) shows the spec's neighbourhood as Mermaid in a new
-- scratch buffer: the spec and its one dependency.
do
  vim.api.nvim_set_current_buf(buf)
  vim.cmd('ChantGraph mermaid 1')
  local shown = vim.wait(WAIT_MS, function()
    return vim.bo.filetype == 'mermaid'
  end, 20)
  local lines = shown and vim.api.nvim_buf_get_lines(0, 0, -1, true) or {}
  local text = table.concat(lines, '\n')
  local ok = shown and lines[1] == 'flowchart LR' and text:find('006-upstream-pr', 1, true) ~= nil
    and text:find('005-fork-fix', 1, true) ~= nil
  check(':ChantGraph', ok, shown and (#lines .. ' lines, first "' .. tostring(lines[1]) .. '"') or 'no mermaid buffer opened')
end

-- (6) The action commands run chant's CLI on the spec in a terminal split named after it.
if chant_stand_in then
  vim.g.chant_path = chant_stand_in
  local function runs()
    local out = {}
    local f = io.open(chant_record)
    if f then
      for l in f:lines() do
        out[#out + 1] = l
      end
      f:close()
    end
    return out
  end
  local function ran(want)
    local line = workspace .. '\t' .. table.concat(want, '\t')
    return vim.wait(WAIT_MS, function()
      return vim.tbl_contains(runs(), line)
    end, 20)
  end
  local cases = {
    { 'ChantWork', { 'work', '006-upstream-pr' } },
    { 'ChantApprove Ada Lovelace', { 'approve', '006-upstream-pr', '--by', 'Ada Lovelace' } },
    { 'ChantFinalize', { 'finalize', '006-upstream-pr' } },
    { 'ChantCancel', { 'cancel', '006-upstream-pr' } },
    { 'ChantShow 005-fork-fix', { 'show', '005-fork-fix' } },
  }
  for _, case in ipairs(cases) do
    vim.api.nvim_set_current_buf(buf)
    vim.cmd(case[1])
    local ok = ran(case[2])
    local term = vim.api.nvim_get_current_buf()
    local detail = ('%s in a %s buffer "%s", typed "%s"'):format(table.concat(case[2], ' '), vim.bo[term].buftype,
      vim.fn.fnamemodify(vim.api.nvim_buf_get_name(term), ':t'), tostring(vim.b[term].chant_command))
    -- Each run's terminal is named after the spec (`chant ID`, or `chant ID (2)` while an
    -- earlier run of that spec has not ended).
    local base = vim.fs.basename(vim.api.nvim_buf_get_name(term))
    local named = base == 'chant ' .. case[2][2] or base:match('^chant ' .. vim.pesc(case[2][2]) .. ' %(%d+%)$') ~= nil
    check(':' .. case[1], ok and named and vim.bo[term].buftype == 'terminal'
      and vim.b[term].chant_command == chant_stand_in .. ' ' .. table.concat(case[2], ' '):gsub('Ada Lovelace', "'Ada Lovelace'"),
      detail)
    vim.cmd('close')
  end

  -- :ChantNew runs `chant add TITLE` and opens the spec chant created.
  vim.api.nvim_set_current_buf(buf)
  vim.cmd('ChantNew E2E new spec')
  local added = ran({ 'add', 'E2E new spec' })
  local name = vim.api.nvim_buf_get_name(0)
  check(':ChantNew', added and name == workspace .. '/.chant/specs/2026-12-07-001-e2e.md', 'editing ' .. name)

  -- Without chant, the commands say how to install it and run nothing.
  vim.g.chant_path = workspace .. '/no-such-chant'
  local said
  local notify = vim.notify
  vim.notify = function(msg)
    said = msg
  end
  local before = #runs()
  vim.api.nvim_set_current_buf(buf)
  vim.cmd('ChantWork')
  vim.notify = notify
  check('no chant', said ~= nil and said:find('install', 1, true) ~= nil and #runs() == before, tostring(said))
end

-- (7) Format on save, set up exactly as editors/nvim/README.md shows: the spec is written in the
-- form chant's own save gives it, its comment kept.
do
  local rel = '.chant/specs/008-e2e-format.md'
  local path = workspace .. '/' .. rel
  local f = assert(io.open(path, 'w'))
  f:write('---\nstatus: pending # keep\ntype: code\nlabels: [a]\n---\n\n# E2E: format on save\n')
  f:close()
  vim.api.nvim_create_autocmd('BufWritePre', {
    pattern = '*/.chant/*.md',
    callback = function(ev)
      local tick = vim.b[ev.buf].changedtick
      vim.lsp.buf.format({ bufnr = ev.buf, name = 'chant_lsp' })
      vim.bo[ev.buf].fixendofline = false
      if vim.b[ev.buf].changedtick ~= tick then
        vim.bo[ev.buf].endofline = vim.api.nvim_buf_get_lines(ev.buf, -2, -1, true)[1] == '---'
      end
    end,
  })
  local fbuf, fclient = open(rel)
  if fclient then
    vim.cmd('silent write')
  end
  local saved = assert(io.open(path, 'rb')):read('a')
  local want = '---\ntype: code\nstatus: pending # keep\nlabels:\n- a\n---\n# E2E: format on save'
  check('format on save', saved == want, vim.inspect(saved))
  -- Saving again changes nothing.
  vim.cmd('silent write')
  local again = assert(io.open(path, 'rb')):read('a')
  check('format on save (again)', again == want, vim.inspect(again))
  vim.api.nvim_buf_delete(fbuf, { force = true })
end

deadline:stop()
finish()
