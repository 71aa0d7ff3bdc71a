-- Neovim 0.7 headless as a third-party LSP client of Preflight's server over stdio.
-- Run: nvim --headless --clean -i NONE -n -u init.lua   (the e2e test sets the environment).
--   PREFLIGHT_NVIM_SERVER   path of out/server/server.js
--   PREFLIGHT_NVIM_FILE     file to open and attach
--   PREFLIGHT_NVIM_RESULT   where to write the JSON result
--   PREFLIGHT_NVIM_WAIT_DIAGNOSTICS  "1": also wait for diagnostics (pushed, or pulled when the
--                                    server offers textDocument/diagnostic, which 0.7 does not pull itself)
--   PREFLIGHT_NVIM_TIMEOUT_MS  overall deadline (default 20000)
local server = assert(os.getenv('PREFLIGHT_NVIM_SERVER'), 'PREFLIGHT_NVIM_SERVER is not set')
local file = assert(os.getenv('PREFLIGHT_NVIM_FILE'), 'PREFLIGHT_NVIM_FILE is not set')
local result_file = assert(os.getenv('PREFLIGHT_NVIM_RESULT'), 'PREFLIGHT_NVIM_RESULT is not set')
local want_diagnostics = os.getenv('PREFLIGHT_NVIM_WAIT_DIAGNOSTICS') == '1'
local timeout_ms = tonumber(os.getenv('PREFLIGHT_NVIM_TIMEOUT_MS') or '20000')

if os.getenv('PREFLIGHT_NVIM_DEBUG') == '1' then vim.lsp.set_log_level('debug') end
local t0 = vim.loop.now()
local result = { initialized = false, pushed = {}, pulled = nil, notes = {} }
local finished = false

local function finish(ok, note)
  if finished then return end
  finished = true
  if note then table.insert(result.notes, note) end
  result.ok = ok
  result.elapsed_ms = vim.loop.now() - t0
  local f = assert(io.open(result_file, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.schedule(function() vim.cmd(ok and 'qall!' or 'cquit 1') end)
end

local function simplify(diagnostics)
  local out = {}
  for _, d in ipairs(diagnostics or {}) do
    table.insert(out, { line = d.range.start.line, code = d.code, source = d.source, message = d.message, severity = d.severity })
  end
  return out
end

local function pull(client, bufnr)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  client.request('textDocument/diagnostic', params, function(err, report)
    if err then
      result.pulled = { error = err.message or tostring(err) }
      return finish(false, 'textDocument/diagnostic failed')
    end
    result.pulled = { kind = report and report.kind, items = simplify(report and report.items) }
    if #result.pulled.items > 0 then finish(true, 'diagnostics pulled') end
  end, bufnr)
end

local pull_client = nil

local id = vim.lsp.start_client({
  name = 'preflight',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  handlers = {
    -- 0.7 does not know pull diagnostics, so it does not know their refresh either: the server
    -- asks for one when a scan finished (parsers loaded, settings changed); pull again then.
    ['workspace/diagnostic/refresh'] = function()
      table.insert(result.notes, 'server asked for a diagnostic refresh')
      if want_diagnostics and pull_client then
        vim.schedule(function() pull(pull_client, vim.fn.bufnr(file)) end)
      end
      return vim.NIL
    end,
    ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      if params and params.diagnostics and #params.diagnostics > 0 then
        table.insert(result.pushed, { uri = params.uri, diagnostics = simplify(params.diagnostics), at_ms = vim.loop.now() - t0 })
        if want_diagnostics then finish(true, 'diagnostics pushed') end
      end
    end,
  },
  on_init = function(client, init)
    result.initialized = true
    result.init_ms = vim.loop.now() - t0
    result.server_info = init.serverInfo
    local caps = {}
    for k, _ in pairs(init.capabilities or {}) do table.insert(caps, k) end
    table.sort(caps)
    result.capabilities = caps
    if not want_diagnostics then return finish(true, 'initialized') end
    if init.capabilities and init.capabilities.diagnosticProvider then
      table.insert(result.notes, 'server offers pull diagnostics; pulling (nvim 0.7 does not)')
      pull_client = client
    end
  end,
  -- 0.7 calls on_attach after it sent didOpen for the buffer, so the server knows the text.
  on_attach = function(client, bufnr)
    if want_diagnostics and pull_client then pull(client, bufnr) end
  end,
  on_exit = function(code, signal)
    result.server_exit = { code = code, signal = signal }
    finish(false, 'server exited')
  end,
})
if not id then finish(false, 'start_client failed') end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
vim.lsp.buf_attach_client(0, id)

local timer = vim.loop.new_timer()
timer:start(timeout_ms, 0, vim.schedule_wrap(function() finish(false, 'timeout after ' .. timeout_ms .. ' ms') end))
