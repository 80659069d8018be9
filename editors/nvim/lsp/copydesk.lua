-- copydesk language server for Neovim 0.11+.
--
-- Drop this file into ~/.config/nvim/lsp/ (or put editors/nvim on 'runtimepath'), then:
--
--   vim.lsp.enable('copydesk')
--
-- Override anything with vim.lsp.config, for example:
--
--   vim.lsp.config('copydesk', {
--     cmd = { '/path/to/copydesk', 'lsp', '--stdio' },
--     settings = { copydesk = { rules = { ['anonymous-source'] = 'error', ['vague-attribution'] = 'off' } } },
--   })
--
-- The server is sent the `copydesk` settings section as initializationOptions too, so both
-- carry the same object (the same names as in VS Code).

---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'lsp', '--stdio' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.git' },
  settings = { copydesk = { rules = vim.empty_dict() } },
  before_init = function(params, config)
    config.settings = config.settings or {}
    local section = config.settings.copydesk or {}
    config.settings.copydesk = section
    -- An empty Lua table encodes as a JSON array; the server expects an object.
    if type(section.rules) ~= 'table' or next(section.rules) == nil then
      section.rules = vim.empty_dict()
    end
    params.initializationOptions = section
  end,
}
