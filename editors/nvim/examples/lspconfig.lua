-- copydesk for nvim-lspconfig users. nvim-lspconfig does not ship a copydesk config, so register
-- one with its `configs` table, then set it up as any other server. Neovim 0.11+ users can skip
-- lspconfig altogether: see lsp/copydesk.lua.
local configs = require('lspconfig.configs')
local util = require('lspconfig.util')

if not configs.copydesk then
  configs.copydesk = {
    default_config = {
      cmd = { 'copydesk', 'lsp', '--stdio' },
      filetypes = { 'markdown', 'text' },
      root_dir = util.root_pattern('.git'),
      single_file_support = true,
      settings = { copydesk = { rules = vim.empty_dict() } },
      -- initializationOptions carry the same object as the `copydesk` settings section.
      before_init = function(params, config)
        local section = config.settings.copydesk or {}
        if type(section.rules) ~= 'table' or next(section.rules) == nil then
          section.rules = vim.empty_dict() -- an empty Lua table would be sent as a JSON array
        end
        config.settings.copydesk = section
        params.initializationOptions = section
      end,
    },
    docs = { description = 'copydesk: anonymous sources, unattributed quotes and people in news copy.' },
  }
end

require('lspconfig').copydesk.setup({
  -- cmd = { '/path/to/copydesk', 'lsp', '--stdio' },
  settings = {
    copydesk = {
      rules = { ['anonymous-source'] = 'error', ['vague-attribution'] = 'off' },
    },
  },
})
