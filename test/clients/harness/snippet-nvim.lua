-- Runs a docs/editors.md Neovim snippet the way a user's init.lua would, opens a
-- file, waits for the server's diagnostics and writes what Neovim stored as JSON.
-- Env: DD_SNIPPET (lua file), DD_FILE, DD_OUT, DD_TIMEOUT (ms).
local out = { errors = {} }
local ok, err = pcall(dofile, os.getenv('DD_SNIPPET'))
if not ok then table.insert(out.errors, 'snippet: ' .. tostring(err)) end
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DD_FILE')))
local buf = vim.api.nvim_get_current_buf()
out.filetype = vim.bo[buf].filetype
local got = vim.wait(tonumber(os.getenv('DD_TIMEOUT')), function() return #vim.diagnostic.get(buf) > 0 end, 20)
if not got then table.insert(out.errors, 'no diagnostics within timeout') end
out.clients = {}
for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
  table.insert(out.clients, { name = c.name, root_dir = c.config.root_dir })
end
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity,
    message = d.message, source = d.source, code = lsp.code })
end
local f = io.open(os.getenv('DD_OUT'), 'w'); f:write(vim.fn.json_encode(out)); f:close()
for _, c in pairs(vim.lsp.get_active_clients()) do c.stop() end
vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
vim.cmd('qall!')
