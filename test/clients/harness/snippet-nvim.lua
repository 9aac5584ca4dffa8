-- Runs a docs/editors.md Neovim snippet the way a user's init.lua would, opens a
-- file, waits for the server's diagnostics, then applies a quick fix the way a
-- user does (:lua vim.lsp.buf.code_action(), picking from vim.ui.select) and
-- writes what Neovim ended up with as JSON.
-- Env: DD_SNIPPET (lua file), DD_FILE, DD_OUT, DD_TIMEOUT (ms),
--      DD_FIX_AT (text of the line to run the code action on; with DD_FIX_ABOVE=1 the line above it),
--      DD_FIX_SECTION (the missing section whose quick fix to pick).
local out = { errors = {} }
local timeout = tonumber(os.getenv('DD_TIMEOUT'))
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

local ok, e = pcall(dofile, os.getenv('DD_SNIPPET'))
if not ok then err('snippet: ' .. tostring(e)) end
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DD_FILE')))
local buf = vim.api.nvim_get_current_buf()
out.filetype = vim.bo[buf].filetype
if not vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
  err('no diagnostics within timeout')
end
out.clients = {}
for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
  table.insert(out.clients, { name = c.name, root_dir = c.config.root_dir })
end
out.diagnostics = stored(buf)

-- The quick fix, through Neovim's own code_action() and workspace-edit code.
local fix_at = vim.fn.index(vim.api.nvim_buf_get_lines(buf, 0, -1, false), os.getenv('DD_FIX_AT'))
if fix_at < 0 then err('no line ' .. os.getenv('DD_FIX_AT')) else
  if os.getenv('DD_FIX_ABOVE') == '1' then fix_at = fix_at - 1 end
  vim.api.nvim_win_set_cursor(0, { fix_at + 1, 0 })
  local offered, chosen = nil, false
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(offered, title)
      if title:find(os.getenv('DD_FIX_SECTION'), 1, true) and not chosen then
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
  out.text_after_fix = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  -- diagnostics for the edited text: wait until the section is no longer reported missing
  local missing = "Missing section '" .. os.getenv('DD_FIX_SECTION') .. "'"
  local function fixed()
    local ds = stored(buf)
    if #ds == 0 then return false end
    for _, d in ipairs(ds) do if d.message:find(missing, 1, true) then return false end end
    return true
  end
  if not vim.wait(timeout, fixed, 20) then err('still reported after the quick fix: ' .. missing) end
  out.diagnostics_after_fix = stored(buf)
end

local f = io.open(os.getenv('DD_OUT'), 'w'); f:write(vim.fn.json_encode(out)); f:close()
for _, c in pairs(vim.lsp.get_active_clients()) do c.stop() end
vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
vim.cmd('qall!')
