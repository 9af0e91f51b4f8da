-- Run by test/nvim/nvim.test.ts: for each file in DOCKER_HARDEN_FILES (path|line|code action title;...), wait for
-- the diagnostics, ask for the code actions of that (0-based) line's diagnostics, apply the one with that title, and
-- write what happened to DOCKER_HARDEN_RESULT as JSON. Exit code 0 when every step worked, 1 otherwise.
local results = {}
local failed = false

local function fail(message)
  failed = true
  table.insert(results, { error = message })
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
end

local function check(file, line, wanted_title)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local result = { file = file, filetype = vim.bo[bufnr].filetype }
  local started = vim.loop.hrtime()
  if not vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 10) then
    return fail(file .. ': no diagnostics within 10 s')
  end
  result.diagnostics_ms = (vim.loop.hrtime() - started) / 1e6
  result.diagnostics = {}
  local target = nil
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, {
      code = lsp.code,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
      severity = d.severity,
      message = d.message,
      line = d.lnum,
      col = d.col,
      end_line = d.end_lnum,
      end_col = d.end_col,
    })
  end
  local action = nil
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = line })) do
    local params = vim.lsp.util.make_range_params()
    params.range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
    params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum) }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 5000) or {}
    for _, response in pairs(responses) do
      for _, candidate in ipairs(response.result or {}) do
        if candidate.title == wanted_title then action = candidate end
      end
    end
    if action then break end
  end
  if not action then
    table.insert(results, result)
    return fail(file .. ': no code action titled ' .. wanted_title)
  end
  result.action = { title = action.title, kind = action.kind, has_edit = action.edit ~= nil }
  if not action.edit then
    table.insert(results, result)
    return fail(file .. ': the code action has no edit')
  end
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  result.text_after_fix = buffer_text(bufnr)
  result.total_ms = (vim.loop.hrtime() - started) / 1e6
  table.insert(results, result)
end

local ok, err = pcall(function()
  for entry in string.gmatch(vim.env.DOCKER_HARDEN_FILES, '[^;]+') do
    local file, line, title = string.match(entry, '^(.-)|(%d+)|(.*)$')
    check(file, tonumber(line), title)
  end
end)
if not ok then fail('lua error: ' .. tostring(err)) end

local out = io.open(vim.env.DOCKER_HARDEN_RESULT, 'w')
out:write(vim.fn.json_encode(results))
out:close()
for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
if failed then vim.cmd('cquit 1') else vim.cmd('qall!') end
