-- Drives Neovim set up by a docs/editors.md configuration (loaded by Neovim itself
-- from $XDG_CONFIG_HOME, as a user's is) the way a user works: opens a file and
-- waits for the server's diagnostics, applies a quick fix (:lua
-- vim.lsp.buf.code_action(), picking from vim.ui.select), then, in two more files
-- of the same workspace, types a heading marker and accepts a completion with
-- <C-x><C-o> ... <C-y>, keys fed to Neovim's own input. Writes what Neovim ended
-- up with as JSON.
-- Env: DD_OUT, DD_TIMEOUT (ms);
--      DD_FILE, DD_FIX_AT (text of the line to run the code action on; with DD_FIX_ABOVE=1 the line above it),
--      DD_FIX_SECTION (the missing section whose quick fix to pick);
--      DD_COMPLETE_FILE, DD_COMPLETE_BEFORE (line to open a line above),
--      DD_COMPLETE_TYPED (what to type there), DD_COMPLETE_LABEL (item to accept);
--      DD_SUB_FILE, DD_SUB_AFTER (line to open a line below), DD_SUB_TYPED, DD_SUB_LABEL.
local out = { errors = {} }
local timeout = tonumber(os.getenv('DD_TIMEOUT'))
local env = os.getenv
local function err(msg) table.insert(out.errors, msg) end

local function stored(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, { lnum = d.lnum, col = d.col, severity = d.severity,
      message = d.message, source = d.source, code = lsp.code })
  end
  return list
end

local function text(buf) return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n' end

local function line_of(buf, line)
  local i = vim.fn.index(vim.api.nvim_buf_get_lines(buf, 0, -1, false), line)
  if i < 0 then err('no line ' .. line) end
  return i
end

--- Diagnostics present, none saying `section` is missing.
local function without(buf, section)
  local missing = "Missing section '" .. section .. "'"
  return function()
    local ds = stored(buf)
    if #ds == 0 then return false end
    for _, d in ipairs(ds) do if d.message:find(missing, 1, true) then return false end end
    return true
  end
end

--- The buffer's text after an edit, then its diagnostics once `section` is no longer reported missing.
local function after_edit(b, section, what)
  local t = text(b)
  if not vim.wait(timeout, without(b, section), 20) then err('still reported after ' .. what .. ': ' .. section) end
  return t, stored(b)
end

local function open(file)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  if not vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    err('no diagnostics within timeout for ' .. file)
  end
  return buf
end

local finished = false
local function finish()
  if finished then return end
  finished = true
  out.clients = {}
  for _, c in pairs(vim.lsp.get_active_clients()) do
    local bufs = {}
    for b in pairs(c.attached_buffers or {}) do table.insert(bufs, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(b), ':t')) end
    table.sort(bufs)
    table.insert(out.clients, { name = c.name, root_dir = c.config.root_dir, buffers = bufs })
  end
  local f = io.open(env('DD_OUT'), 'w'); f:write(vim.fn.json_encode(out)); f:close()
  for _, c in pairs(vim.lsp.get_active_clients()) do c.stop() end
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  vim.cmd('qall!')
end

--- `f` as a callback that reports an error and ends the run instead of leaving Neovim waiting.
local function guarded(f)
  return function(...)
    local ok, e = pcall(f, ...)
    if not ok then err(tostring(e)); finish() end
  end
end

-- 1. The first file: diagnostics, the outline, and the quick fix through Neovim's own code_action().
local function first_file()
  local buf = open(env('DD_FILE'))
  out.filetype = vim.bo[buf].filetype
  out.diagnostics = stored(buf)
  -- The outline, as :lua vim.lsp.buf.document_symbol() lists it (0.7: the quickfix list, opened in a window).
  local win = vim.api.nvim_get_current_win()
  vim.lsp.buf.document_symbol()
  if not vim.wait(timeout, function() return #vim.fn.getqflist() > 0 end, 20) then err('no outline in the quickfix list') end
  out.outline = {}
  for _, item in ipairs(vim.fn.getqflist()) do table.insert(out.outline, item.text) end
  vim.cmd('cclose')
  vim.api.nvim_set_current_win(win)
  local fix_at = line_of(buf, env('DD_FIX_AT'))
  if fix_at >= 0 then
    if env('DD_FIX_ABOVE') == '1' then fix_at = fix_at - 1 end
    vim.api.nvim_win_set_cursor(0, { fix_at + 1, 0 })
    local offered, chosen = nil, false
    vim.ui.select = function(items, opts, on_choice)
      offered = {}
      for i, item in ipairs(items) do
        local title = opts.format_item and opts.format_item(item) or tostring(item)
        table.insert(offered, title)
        if title:find(env('DD_FIX_SECTION'), 1, true) and not chosen then
          chosen = true
          on_choice(item, i)
        end
      end
      if not chosen then on_choice(nil, nil) end
    end
    local tick = vim.api.nvim_buf_get_changedtick(buf)
    vim.lsp.buf.code_action()
    if not vim.wait(timeout, function() return vim.api.nvim_buf_get_changedtick(buf) ~= tick end, 20) then
      err('code action changed nothing; offered: ' .. vim.inspect(offered))
    end
    out.offered = offered
    out.text_after_fix, out.diagnostics_after_fix = after_edit(buf, env('DD_FIX_SECTION'), 'the quick fix')
  end
end

-- 2. Completions, typed as keys. Neovim reads them in its main loop, after this
-- script returns, so from here on each step polls on a timer and chains the next.
local function poll(pred, what, k)
  local deadline = vim.loop.now() + timeout
  local tick
  tick = function()
    if pred() then return k(true) end
    if vim.loop.now() > deadline then err('timed out waiting for ' .. what); return k(false) end
    vim.defer_fn(tick, 20)
  end
  tick = guarded(tick)
  tick()
end

local function keys(s) vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(s, true, false, true), 'n', false) end

--- In `file`: open a line (`O` above `anchor`, or `o` below), type `typed`, <C-x><C-o>,
--- <C-n> to `label`, <C-y>, <Esc>; then `done(buf, offered labels)` once the heading is there.
local function complete(file, open_key, anchor, typed, label, done)
  local b = open(file)
  local at = line_of(b, anchor)
  if at < 0 then return done(b, {}) end
  vim.api.nvim_win_set_cursor(0, { at + 1, 0 })
  keys(open_key .. typed .. '<C-x><C-o>')
  local labels = {}
  poll(function() return #vim.fn.complete_info({ 'items' }).items > 0 end, 'completion items at ' .. typed, function(ok)
    if not ok then keys('<Esc>'); return done(b, labels) end
    local index
    for i, item in ipairs(vim.fn.complete_info({ 'items' }).items) do
      table.insert(labels, item.abbr)
      if item.abbr == label and not index then index = i end
    end
    if not index then err('no item ' .. label); keys('<C-e><Esc>'); return done(b, labels) end
    -- the first item is selected when the menu opens
    keys(string.rep('<C-n>', index - 1) .. '<C-y><Esc>')
    poll(function()
      return vim.fn.mode() == 'n' and vim.fn.index(vim.api.nvim_buf_get_lines(b, 0, -1, false), vim.trim(typed) .. ' ' .. label) >= 0
    end, 'the accepted heading ' .. label, function() done(b, labels) end)
  end)
end

guarded(first_file)()
vim.defer_fn(guarded(function()
  complete(env('DD_COMPLETE_FILE'), 'O', env('DD_COMPLETE_BEFORE'), env('DD_COMPLETE_TYPED'), env('DD_COMPLETE_LABEL'), function(b, labels)
    out.completion_offered = labels
    out.text_after_completion, out.diagnostics_after_completion = after_edit(b, env('DD_COMPLETE_LABEL'), 'the completion')
    complete(env('DD_SUB_FILE'), 'o', env('DD_SUB_AFTER'), env('DD_SUB_TYPED'), env('DD_SUB_LABEL'), function(b2, labels2)
      out.subsection_offered = labels2
      out.text_after_subsection = text(b2)
      finish()
    end)
  end)
end), 0)
