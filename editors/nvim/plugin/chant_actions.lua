-- :ChantWork, :ChantApprove, :ChantFinalize, :ChantCancel, :ChantShow, :ChantNew — chant's own
-- CLI on a spec, run in a terminal split (Neovim 0.10+).
--
--   :ChantWork [ID]            chant work ID        (ID: the spec in the buffer by default)
--   :ChantApprove [NAME]       chant approve ID --by NAME   (NAME: `git config user.name`)
--   :ChantFinalize [ID]        chant finalize ID
--   :ChantCancel [ID]          chant cancel ID
--   :ChantShow [ID]            chant show ID
--   :ChantNew TITLE            chant add "TITLE", then opens the new spec
--
-- chant is `vim.g.chant_path` when set, else `chant` on PATH. The command line is echoed before
-- it runs, and the terminal buffer is named after the spec (`chant ID`). The language server
-- runs nothing: these commands are the editor's.

local INSTALL = 'chant was not found: install it (cargo install --locked --git https://github.com/lex00/chant, '
  .. 'or brew install lex00/tap/chant) or set vim.g.chant_path to the binary'

local function chant_binary()
  local configured = vim.g.chant_path
  if configured and configured ~= '' then
    local path = vim.fn.expand(configured)
    return vim.fn.executable(path) == 1 and path or nil
  end
  local found = vim.fn.exepath('chant')
  return found ~= '' and found or nil
end

-- The chant root (the folder holding `.chant/`) and the spec id of a spec file.
local function spec_of(file)
  local root, id = file:match('^(.*)/%.chant/specs/.-([^/]+)%.md$')
  if not root then
    root, id = file:match('^(.*)/%.chant/archive/.-([^/]+)%.md$')
  end
  return root, id
end

local function root_of(file)
  local marker = vim.fs.find('.chant', { upward = true, type = 'directory', path = vim.fs.dirname(file) })[1]
  return marker and vim.fs.dirname(marker) or vim.fn.getcwd()
end

local function shell_quote(word)
  return word:match('^[%w_./:=@%%+,-]+$') and word or ("'" .. word:gsub("'", "'\\''") .. "'")
end

local function command_line(chant, args)
  local words = { vim.g.chant_path and vim.g.chant_path ~= '' and chant or 'chant' }
  vim.list_extend(words, args)
  return table.concat(vim.tbl_map(shell_quote, words), ' ')
end

-- A name for the spec's new terminal: `chant ID`, once earlier terminals whose run has ended
-- are gone; `chant ID (2)`, … while one still runs.
local function terminal_name(id)
  local taken = {}
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    local name = vim.fs.basename(vim.api.nvim_buf_get_name(b))
    local job = vim.b[b].terminal_job_id
    if name:sub(1, #id + 6) == 'chant ' .. id and job then
      if vim.fn.jobwait({ job }, 0)[1] ~= -1 then
        vim.api.nvim_buf_delete(b, { force = true })
      else
        taken[name] = true
      end
    end
  end
  local name, n = 'chant ' .. id, 1
  while taken[name] do
    n = n + 1
    name = ('chant %s (%d)'):format(id, n)
  end
  return name
end

-- Runs chant with `args` in a terminal split named after the spec; answers the command line.
local function run_in_terminal(chant, args, root, id)
  local name = terminal_name(id)
  local line = command_line(chant, args)
  vim.notify('chant: ' .. line)
  vim.cmd('botright split')
  local buf = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_win_set_buf(0, buf)
  local argv = vim.list_extend({ chant }, args)
  if vim.fn.has('nvim-0.11') == 1 then
    vim.fn.jobstart(argv, { cwd = root, term = true })
  else
    vim.fn.termopen(argv, { cwd = root })
  end
  pcall(vim.api.nvim_buf_set_name, buf, name)
  vim.b[buf].chant_command = line
  return line
end

local function action(name)
  return function(opts)
    local chant = chant_binary()
    if not chant then
      vim.notify(INSTALL, vim.log.levels.ERROR)
      return
    end
    local file = vim.api.nvim_buf_get_name(0)
    local root, id = spec_of(file)
    local by
    if name == 'approve' then
      by = opts.args ~= '' and opts.args or vim.trim(vim.fn.system({ 'git', '-C', root or '.', 'config', 'user.name' }))
      if vim.v.shell_error ~= 0 and opts.args == '' then
        by = ''
      end
      if by == '' then
        vim.notify('ChantApprove: give the approver, :ChantApprove NAME', vim.log.levels.ERROR)
        return
      end
    elseif opts.args ~= '' then
      id = opts.args
      root = root or root_of(file)
    end
    if not id then
      vim.notify('Chant' .. name:gsub('^%l', string.upper) .. ': open a spec (.chant/specs/*.md) or give its id',
        vim.log.levels.ERROR)
      return
    end
    local args = name == 'approve' and { 'approve', id, '--by', by } or { name, id }
    run_in_terminal(chant, args, root, id)
  end
end

local function new_spec(opts)
  local chant = chant_binary()
  if not chant then
    vim.notify(INSTALL, vim.log.levels.ERROR)
    return
  end
  local root = root_of(vim.api.nvim_buf_get_name(0))
  local line = command_line(chant, { 'add', opts.args })
  vim.notify('chant: ' .. line)
  local result = vim.system({ chant, 'add', opts.args }, { cwd = root, env = { NO_COLOR = '1' }, text = true }):wait()
  local id = (result.stdout or ''):gsub('\27%[[%d;]*m', ''):match('Created (%S+)')
  if result.code ~= 0 or not id then
    vim.notify(line .. ' failed: ' .. vim.trim((result.stderr or '') .. (result.stdout or '')), vim.log.levels.ERROR)
    return
  end
  vim.cmd.edit(vim.fn.fnameescape(root .. '/.chant/specs/' .. id .. '.md'))
end

local descriptions = {
  work = 'chant work: start the spec in a terminal',
  approve = 'chant approve ID --by NAME',
  finalize = 'chant finalize: complete the spec',
  cancel = 'chant cancel the spec',
  show = 'chant show the spec',
}
for _, name in ipairs({ 'work', 'approve', 'finalize', 'cancel', 'show' }) do
  vim.api.nvim_create_user_command('Chant' .. name:gsub('^%l', string.upper), action(name),
    { nargs = '?', desc = descriptions[name] })
end
vim.api.nvim_create_user_command('ChantNew', new_spec, { nargs = 1, desc = 'chant add "TITLE", then open the new spec' })
