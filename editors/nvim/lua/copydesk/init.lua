--- copydesk for Neovim: `require('copydesk').setup({ path = ..., rules = ... })`.
---
--- On Neovim 0.11+ this registers the client with vim.lsp.config and vim.lsp.enable. On 0.8-0.10
--- it starts it with vim.lsp.start from a FileType autocmd, and on 0.7 with vim.lsp.start_client
--- and vim.lsp.buf_attach_client (`opts.method` picks one of these explicitly). The settings are the same everywhere: the `copydesk` section,
--- `rules` mapping a rule id to off / hint / information / warning / error, and `inlayHints`
--- (from `opts.inlay_hints`), sent both as initializationOptions and through
--- workspace/didChangeConfiguration. A project's `copydesk.toml` is read by the server itself.
local M = {}

--- Every rule id the server knows, sorted.
M.rule_ids = {
  'anonymous-opinion',
  'anonymous-quote',
  'anonymous-source',
  'bare-anonymous-source',
  'boilerplate-anonymity-reason',
  'house-pattern',
  'inconsistent-age',
  'missing-anonymity-reason',
  'name-variant',
  'plural-sources-single-voice',
  'suppression-without-reason',
  'surname-before-full-name',
  'unattributed-quote',
  'unused-suppression',
  'vague-attribution',
}

--- The values a rule can be set to.
M.severities = { 'off', 'hint', 'information', 'warning', 'error' }

--- The filetypes copydesk checks: Markdown and plain text.
M.filetypes = { 'markdown', 'text' }

local function notify(message, level)
  vim.notify('copydesk: ' .. message, level or vim.log.levels.ERROR)
end

local function contains(list, value)
  for _, v in ipairs(list) do
    if v == value then
      return true
    end
  end
  return false
end

--- The rules as a JSON object (an empty table would encode as an array), with a warning for each
--- unknown rule id or value. Unknown entries are still passed on: the server decides.
---@param rules table<string,string>|nil
---@return table
function M.normalize_rules(rules)
  local out = vim.empty_dict()
  for id, value in pairs(rules or {}) do
    if not contains(M.rule_ids, id) then
      notify(('unknown rule id %q in rules'):format(tostring(id)), vim.log.levels.WARN)
    end
    if not contains(M.severities, value) then
      notify(
        ('rule %s: %q is not one of %s'):format(id, tostring(value), table.concat(M.severities, ', ')),
        vim.log.levels.WARN
      )
    end
    out[id] = value
  end
  return out
end

local function before_init(params, config)
  config.settings = config.settings or {}
  local section = config.settings.copydesk or {}
  config.settings.copydesk = section
  if type(section.rules) ~= 'table' or next(section.rules) == nil then
    section.rules = vim.empty_dict()
  end
  params.initializationOptions = section
end

--- The client configuration for the given options, usable with vim.lsp.config, vim.lsp.start,
--- vim.lsp.start_client or nvim-lspconfig.
---@param opts? { path?: string, rules?: table<string,string>, inlay_hints?: boolean, filetypes?: string[], flags?: table, on_attach?: function, capabilities?: table }
---@return table
function M.config(opts)
  opts = opts or {}
  local section = { rules = M.normalize_rules(opts.rules) }
  if opts.inlay_hints ~= nil then
    -- The server's name for it; shown with vim.lsp.inlay_hint.enable() on 0.10+.
    section.inlayHints = opts.inlay_hints and true or false
  end
  return {
    name = 'copydesk',
    cmd = { opts.path or 'copydesk', 'lsp', '--stdio' },
    filetypes = opts.filetypes or M.filetypes,
    root_markers = { '.git' },
    settings = { copydesk = section },
    init_options = section,
    before_init = before_init,
    flags = opts.flags,
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }
end

local function get_clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = 'copydesk' })
  end
  local found = {}
  for _, client in ipairs(vim.lsp.get_active_clients()) do
    if client.name == 'copydesk' then
      table.insert(found, client)
    end
  end
  return found
end

local function client_notify(client, method, params)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

--- How the client is started: the newest way this Neovim has, unless `opts.method` says.
M.methods = {
  -- 0.11+: vim.lsp.config + vim.lsp.enable.
  config = function()
    return vim.lsp.config ~= nil and vim.lsp.enable ~= nil
  end,
  -- 0.8+: vim.lsp.start from a FileType autocmd (it reuses a running client).
  start = function()
    return vim.lsp.start ~= nil
  end,
  -- 0.7: vim.lsp.start_client once, vim.lsp.buf_attach_client per buffer.
  start_client = function()
    return vim.lsp.start_client ~= nil
  end,
}

local function best_method()
  for _, method in ipairs({ 'config', 'start', 'start_client' }) do
    if M.methods[method]() then
      return method
    end
  end
end

-- For the `start` and `start_client` methods: the config, the method, the 0.7 client.
local autocmd_config, autocmd_method, shared_client_id

local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  local git = vim.fn.finddir('.git', start .. ';')
  if git ~= '' then
    return vim.fn.fnamemodify(git, ':p:h:h')
  end
  return start
end

local function attach(bufnr)
  if vim.api.nvim_buf_get_option(bufnr, 'buftype') ~= '' then
    return
  end
  local config = vim.tbl_extend('force', autocmd_config, { root_dir = root_dir(bufnr) })
  if autocmd_method == 'start' then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  if shared_client_id == nil or vim.lsp.get_client_by_id(shared_client_id) == nil then
    shared_client_id = vim.lsp.start_client(config)
  end
  if shared_client_id ~= nil then
    vim.lsp.buf_attach_client(bufnr, shared_client_id)
  end
end

local function setup_autocmd(config, method)
  autocmd_config, autocmd_method = config, method
  local group = vim.api.nvim_create_augroup('copydesk', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    local ft = vim.api.nvim_buf_get_option(bufnr, 'filetype')
    if vim.api.nvim_buf_is_loaded(bufnr) and contains(config.filetypes, ft) then
      attach(bufnr)
    end
  end
end

--- Registers and enables the copydesk client. Returns false, with an error message, when the
--- binary cannot be found or `method` is not available in this Neovim.
---@param opts? { path?: string, rules?: table<string,string>, inlay_hints?: boolean, method?: 'config'|'start'|'start_client', filetypes?: string[], flags?: table, on_attach?: function, capabilities?: table }
---@return boolean
function M.setup(opts)
  opts = opts or {}
  local path = opts.path or 'copydesk'
  if vim.fn.executable(path) ~= 1 then
    notify(
      ('cannot find the copydesk binary %q (option `path`). Install it (cargo install --path . in '
        .. "the copydesk repository) or pass its absolute path: require('copydesk').setup({ path = '/path/to/copydesk' })"):format(
        path
      )
    )
    return false
  end
  local method = opts.method or best_method()
  if M.methods[method] == nil or not M.methods[method]() then
    notify(('method %q is not available in this Neovim'):format(tostring(method)))
    return false
  end
  local config = M.config(opts)
  if method == 'config' then
    config.name = nil
    vim.lsp.config('copydesk', config)
    vim.lsp.enable('copydesk')
  else
    setup_autocmd(config, method)
  end
  return true
end

--- Changes the rule settings of running clients (and of clients started later) without a
--- restart: the server is told through workspace/didChangeConfiguration.
---@param rules table<string,string>
function M.set_rules(rules)
  local normalized = M.normalize_rules(rules)
  for _, client in ipairs(get_clients()) do
    local settings = client.settings or client.config.settings or {}
    settings.copydesk = settings.copydesk or {}
    settings.copydesk.rules = normalized
    client.config.settings = settings
    client_notify(client, 'workspace/didChangeConfiguration', { settings = settings })
  end
  if autocmd_config ~= nil then
    autocmd_config.settings.copydesk.rules = normalized
  end
  local enabled = M.methods.config() and (vim.lsp.is_enabled == nil or vim.lsp.is_enabled('copydesk'))
  if enabled then
    -- Assign rather than call vim.lsp.config(): a call deep-merges, keeping rules left out now.
    local resolved = vim.lsp.config.copydesk
    if resolved ~= nil then
      local config = vim.deepcopy(resolved)
      config.settings = config.settings or {}
      config.settings.copydesk = config.settings.copydesk or {}
      config.settings.copydesk.rules = normalized
      vim.lsp.config.copydesk = config
    end
  end
end

return M
