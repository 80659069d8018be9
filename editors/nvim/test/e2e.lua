-- End-to-end test of editors/nvim against the real copydesk binary, in a headless Neovim.
--
--   COPYDESK_BIN=target/debug/copydesk COPYDESK_NVIM_MODE=config \
--     nvim --headless -u NONE -i NONE -n -c 'luafile editors/nvim/test/e2e.lua'
--
-- COPYDESK_NVIM_MODE: `config` uses lsp/copydesk.lua through vim.lsp.config/vim.lsp.enable (0.11+);
-- `setup` uses require('copydesk').setup() (0.11+: vim.lsp.config; 0.7: vim.lsp.start_client);
-- `setup-start` and `setup-start_client` force that setup() method.
-- Prints one line per check and `N passed, N failed`; exits non-zero on any failure.

-- Tunables: the rule ids the fixture must trigger, and the rule toggled through the settings.
local EXPECTED_RULES = { 'anonymous-source' }
local TOGGLED = 'anonymous-source'
local EDITS = 200
local TIMEOUT = 20000
local PHRASE = 'A source says the vote is rigged.'
local TAIL = 'A source says the pier is unsafe.'
local HOVER_NAME = 'Ortiz'

local passed, failed = 0, 0

local function say(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function finish()
  local v = vim.version()
  local mode = os.getenv('COPYDESK_NVIM_MODE') or 'setup'
  say(('neovim %d.%d.%d (%s): %d passed, %d failed'):format(v.major, v.minor, v.patch, mode, passed, failed))
  if failed > 0 or passed == 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

--- Runs one named check; a failing check is reported and the run goes on, unless `fatal`.
local function check(name, fn, fatal)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    say('ok - ' .. name)
  else
    failed = failed + 1
    say('not ok - ' .. name .. '\n  ' .. tostring(err):gsub('\n', '\n  '))
    if fatal then
      say('stopping: the checks after this one depend on it')
      finish()
    end
  end
  return ok
end

local function wait_for(what, cond)
  if not vim.wait(TIMEOUT, cond, 20) then
    error('timed out after ' .. TIMEOUT .. ' ms waiting for ' .. what, 2)
  end
end

-- Paths -------------------------------------------------------------------------------------

local script = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p')
local nvim_dir = vim.fn.fnamemodify(script, ':h:h')
local bin = os.getenv('COPYDESK_BIN')
  or vim.fn.fnamemodify(nvim_dir .. '/../../target/debug/copydesk', ':p')
local mode = os.getenv('COPYDESK_NVIM_MODE') or 'setup'
local setup_method = mode:match('^setup%-(.+)$')
local has_011 = vim.fn.has('nvim-0.11') == 1

vim.opt.runtimepath:prepend(nvim_dir)
vim.o.hidden = true
vim.o.swapfile = false
vim.cmd('filetype on')

-- Everything the server publishes, in order of arrival.
local published = {}
local original_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result ~= nil then
    table.insert(published, result)
  end
  return original_handler(err, result, ctx, config)
end

-- Helpers -----------------------------------------------------------------------------------

local function clients_of(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' })
  end
  local found = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'copydesk' then
      table.insert(found, client)
    end
  end
  return found
end

local function lsp_version(bufnr)
  return vim.lsp.util.buf_versions[bufnr]
end

--- The newest notification for `uri` from index `from` on that satisfies `pred`.
local function latest(uri, from, pred)
  for i = #published, (from or 0) + 1, -1 do
    local p = published[i]
    if p.uri == uri and (pred == nil or pred(p)) then
      return p
    end
  end
end

local function codes(p)
  local out = {}
  for _, d in ipairs(p.diagnostics) do
    table.insert(out, tostring(d.code))
  end
  return out
end

local function has_code(p, code)
  return vim.tbl_contains(codes(p), code)
end

--- The characters of a line as byte strings (UTF-8).
local function chars(line)
  local out = {}
  for ch in line:gmatch('[%z\1-\127\194-\244][\128-\191]*') do
    table.insert(out, ch)
  end
  return out
end

--- The byte length of the first `n` characters of `line`.
local function byte_col(line, n)
  local cs, col = chars(line), 0
  for i = 1, math.min(n, #cs) do
    col = col + #cs[i]
  end
  return col
end

--- A byte column as an LSP character offset in the client's position encoding.
local function lsp_col(line, col, encoding)
  if encoding == 'utf-8' then
    return col
  end
  local units = 0
  for _, ch in ipairs(chars(line:sub(1, col))) do
    if encoding == 'utf-16' and #ch == 4 then
      units = units + 2
    else
      units = units + 1
    end
  end
  return units
end

--- An LSP character offset in the client's encoding as a byte column.
local function byte_of(line, character, encoding)
  if encoding == 'utf-8' then
    return character
  end
  local units, col = 0, 0
  for _, ch in ipairs(chars(line)) do
    if units >= character then
      break
    end
    units = units + ((encoding == 'utf-16' and #ch == 4) and 2 or 1)
    col = col + #ch
  end
  return col
end

local function sorted_diagnostics(p)
  local out = {}
  for _, d in ipairs(p.diagnostics) do
    table.insert(out, {
      d.range.start.line,
      d.range.start.character,
      d.range['end'].line,
      d.range['end'].character,
      tostring(d.code),
      d.severity or 0,
      d.message,
    })
  end
  table.sort(out, function(a, b)
    for i = 1, 7 do
      if a[i] ~= b[i] then
        return tostring(a[i]) < tostring(b[i])
      end
    end
    return false
  end)
  return out
end

local function hover_text(result)
  if type(result) ~= 'table' or result.contents == nil then
    return ''
  end
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  end
  if contents.value ~= nil then
    return contents.value
  end
  local parts = {}
  for _, c in ipairs(contents) do
    table.insert(parts, type(c) == 'string' and c or (c.value or ''))
  end
  return table.concat(parts, '\n')
end

--- A deterministic pseudo-random sequence, the same on every run and every Neovim.
local seed = 20250611
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end

local function temp_copy(lines, name)
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local path = dir .. '/' .. name
  vim.fn.writefile(lines, path)
  return path
end

-- The run -----------------------------------------------------------------------------------

local fixture_lines = vim.fn.readfile(nvim_dir .. '/test/fixture.md')
local state = {}

local function start_client()
  check('the copydesk binary exists at ' .. bin, function()
    assert(vim.fn.executable(bin) == 1, 'not executable: build it with `cargo build` or set COPYDESK_BIN')
  end, true)

  if mode == 'config' then
    check('lsp/copydesk.lua is found on the runtimepath by vim.lsp.config', function()
      assert(has_011, 'mode `config` needs Neovim 0.11+')
      local resolved = vim.lsp.config.copydesk
      assert(resolved ~= nil, 'vim.lsp.config.copydesk is nil')
      assert(vim.tbl_contains(resolved.filetypes, 'markdown'), 'filetypes: ' .. vim.inspect(resolved.filetypes))
      assert(type(resolved.before_init) == 'function', 'before_init missing')
    end, true)
    vim.lsp.config('copydesk', { cmd = { bin, 'lsp', '--stdio' }, flags = { debounce_text_changes = 0 } })
    vim.lsp.enable('copydesk')
  else
    check('setup() reports a missing binary naming the path option', function()
      local messages = {}
      local original_notify = vim.notify
      vim.notify = function(msg)
        table.insert(messages, msg)
      end
      local ok = require('copydesk').setup({ path = '/nonexistent/copydesk' })
      vim.notify = original_notify
      assert(ok == false, 'setup() should return false')
      local text = table.concat(messages, '\n')
      assert(text:find('/nonexistent/copydesk', 1, true) and text:find('path', 1, true), 'message: ' .. text)
      if has_011 then
        assert(not vim.lsp.is_enabled('copydesk'), 'enabled despite the missing binary')
      end
    end)
    check('setup() refuses a method this Neovim lacks', function()
      local messages = {}
      local original_notify = vim.notify
      vim.notify = function(msg)
        table.insert(messages, msg)
      end
      local ok = require('copydesk').setup({ path = bin, method = 'telepathy' })
      vim.notify = original_notify
      assert(ok == false, 'setup() should return false')
      assert(table.concat(messages, '\n'):find('telepathy', 1, true), vim.inspect(messages))
    end)
    check('setup() accepts the built binary', function()
      local ok = require('copydesk').setup({
        path = bin,
        method = setup_method,
        flags = { debounce_text_changes = 0 },
      })
      assert(ok == true, 'setup() returned ' .. tostring(ok))
    end, true)
  end
end

local function open_fixture()
  state.path = temp_copy(fixture_lines, 'ferry-vote.md')
  vim.cmd('edit ' .. vim.fn.fnameescape(state.path))
  state.buf = vim.api.nvim_get_current_buf()
  state.uri = vim.uri_from_bufnr(state.buf)

  check('the client attaches to a Markdown buffer', function()
    assert(vim.bo[state.buf].filetype == 'markdown', 'filetype is ' .. vim.bo[state.buf].filetype)
    wait_for('the copydesk client to attach', function()
      local c = clients_of(state.buf)[1]
      return c ~= nil and c.initialized ~= false
    end)
    state.client = clients_of(state.buf)[1]
    state.encoding = state.client.offset_encoding or 'utf-16'
    say('# position encoding: ' .. state.encoding)
  end, true)

  check('diagnostics arrive for the opened version with the expected rule ids', function()
    wait_for('diagnostics for the opened buffer', function()
      return latest(state.uri, 0, function(p)
        return p.version == nil or p.version == lsp_version(state.buf)
      end) ~= nil
    end)
    local p = latest(state.uri)
    for _, rule in ipairs(EXPECTED_RULES) do
      assert(has_code(p, rule), ('expected %s in %s'):format(rule, vim.inspect(codes(p))))
    end
    for _, d in ipairs(p.diagnostics) do
      assert(d.source == 'copydesk', 'source: ' .. tostring(d.source))
    end
    wait_for('vim.diagnostic to show them', function()
      return #vim.diagnostic.get(state.buf) == #p.diagnostics
    end)
  end, true)
end

--- EDITS edits, each one nvim_buf_set_text call (so one didChange), below the title:
--- * a notes line `Notes:<random>. <PHRASE> <TAIL>` whose random part gets insertions and
---   deletions, with accents and astral emoji;
--- * a spacer paragraph above it, split and joined at random places (multi-line ranges);
--- * last, `. ` and PHRASE typed character by character just before TAIL.
--- Every lost or misplaced edit moves PHRASE or TAIL in the server's text: a split or join moves
--- their line, any other edit moves TAIL's column.
local function type_edits()
  local buf = state.buf
  local count = 0
  local function edit(row, col, end_row, end_col, replacement)
    vim.api.nvim_buf_set_text(buf, row, col, end_row, end_col, replacement)
    count = count + 1
  end
  local function line(row)
    return vim.api.nvim_buf_get_lines(buf, row, row + 1, true)[1]
  end

  local spacer = 'Desk notes: the ferry, the pier and the budget came up at the meeting.'
  local head, tail = 'Notes:', ' ' .. TAIL
  edit(1, 0, 1, 0, { '', spacer, '', head .. tail, '' })
  local first, last = 2, 2 -- the spacer paragraph's rows
  local function notes_row()
    return last + 2
  end
  -- The editable part of the notes line, in characters: (#head, #line - #tail].
  local head_n, tail_n = #chars(head), #chars(tail)

  local words = {
    ' the', ' ferry', ' sources said', ' café', ' —', ' 🗞', ' officials say', ' naïve',
    'x', 'é', '🚢', ' a source says', ',', '.',
  }
  -- The phrase starts a sentence of its own, whatever the random text before it ends with.
  local prefix = '. '
  local phrase = prefix .. PHRASE
  local budget = EDITS - #chars(phrase)
  while count < budget do
    local r = rand(20)
    if r <= 3 then
      -- Split a spacer line inside its text.
      local row = first + rand(last - first + 1) - 1
      local text = line(row)
      local n = #chars(text)
      if n > 1 and last - first < 8 then
        local col = byte_col(text, rand(n - 1))
        edit(row, col, row, col, { '', '' })
        last = last + 1
      end
    elseif r <= 5 then
      -- Join a spacer line with the next one.
      if last > first then
        local row = first + rand(last - first) - 1
        edit(row, #line(row), row + 1, 0, { '' })
        last = last - 1
      end
    else
      local row = notes_row()
      local text = line(row)
      local free = #chars(text) - head_n - tail_n
      if r <= 14 or free < 6 then
        local col = byte_col(text, head_n + rand(free + 1) - 1)
        edit(row, col, row, col, { words[rand(#words)] })
      else
        local from = head_n + rand(free) - 1
        local len = math.min(rand(5), head_n + free - from)
        edit(row, byte_col(text, from), row, byte_col(text, from + len), { '' })
      end
    end
  end

  state.phrase_row = notes_row()
  local text = line(state.phrase_row)
  local at = #text - #tail
  state.phrase_col = at + #prefix
  state.tail_col = at + #phrase + 1
  for _, ch in ipairs(chars(phrase)) do
    edit(state.phrase_row, at, state.phrase_row, at, { ch })
    at = at + #ch
  end
  state.edits = count
end

local function check_edits()
  check(EDITS .. ' typed edits', function()
    type_edits()
    assert(state.edits == EDITS, ('made %d edits'):format(state.edits))
  end, true)

  check('the server publishes for the final version of the buffer', function()
    wait_for('diagnostics for version ' .. tostring(lsp_version(state.buf)), function()
      local p = latest(state.uri)
      return p ~= nil and p.version == lsp_version(state.buf)
    end)
  end, true)

  check('diagnostics lie exactly on the typed phrase and the tail after it', function()
    local p = latest(state.uri)
    local text = vim.api.nvim_buf_get_lines(state.buf, state.phrase_row, state.phrase_row + 1, true)[1]
    assert(text:sub(state.phrase_col + 1) == PHRASE .. ' ' .. TAIL, 'notes line is ' .. vim.inspect(text))
    local spans = {}
    for _, d in ipairs(p.diagnostics) do
      if d.range.start.line == state.phrase_row and d.range['end'].line == state.phrase_row then
        local s = byte_of(text, d.range.start.character, state.encoding)
        local e = byte_of(text, d.range['end'].character, state.encoding)
        table.insert(spans, { s = s, e = e, code = tostring(d.code), text = text:sub(s + 1, e) })
      end
    end
    --- A span inside `sentence` (at byte `col`) that starts and ends on word boundaries.
    local function on_words(sentence, col)
      for _, span in ipairs(spans) do
        local rs, re = span.s - col, span.e - col
        if span.code == TOGGLED and rs >= 0 and re <= #sentence and re > rs then
          local before, first_ch = sentence:sub(rs, rs), sentence:sub(rs + 1, rs + 1)
          local last_ch, after = sentence:sub(re, re), sentence:sub(re + 1, re + 1)
          local starts = (rs == 0 or before == ' ') and first_ch:match('%w') ~= nil
          local ends = (re == #sentence or after:match('[%s%p]') ~= nil) and last_ch:match('[%w%p]') ~= nil
          if starts and ends then
            return true
          end
        end
      end
      return false
    end
    local context = ('line %d: %s\nspans: %s'):format(state.phrase_row, vim.inspect(text), vim.inspect(spans))
    assert(on_words(PHRASE, state.phrase_col), 'no ' .. TOGGLED .. ' on the typed phrase\n' .. context)
    assert(on_words(TAIL, state.tail_col), 'no ' .. TOGGLED .. ' on the tail\n' .. context)
  end)

  check("the server's text equals the buffer: same diagnostics as a fresh copy", function()
    local lines = vim.api.nvim_buf_get_lines(state.buf, 0, -1, true)
    local mine = sorted_diagnostics(latest(state.uri))
    local copy_path = temp_copy(lines, 'copy.md')
    vim.cmd('edit ' .. vim.fn.fnameescape(copy_path))
    local copy_buf = vim.api.nvim_get_current_buf()
    local copy_uri = vim.uri_from_bufnr(copy_buf)
    wait_for('diagnostics for the fresh copy', function()
      return latest(copy_uri) ~= nil
    end)
    local theirs = sorted_diagnostics(latest(copy_uri))
    vim.cmd('buffer ' .. state.buf)
    assert(#mine > 0, 'no diagnostics to compare')
    assert(vim.deep_equal(mine, theirs), ('edited: %s\nfresh copy: %s'):format(vim.inspect(mine), vim.inspect(theirs)))
  end)
end

local function check_plain_text()
  check('a plain-text buffer gets diagnostics too', function()
    local path = temp_copy(fixture_lines, 'ferry-vote.txt')
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local buf = vim.api.nvim_get_current_buf()
    local uri = vim.uri_from_bufnr(buf)
    assert(vim.bo[buf].filetype == 'text', 'filetype is ' .. vim.bo[buf].filetype)
    wait_for('diagnostics for the .txt buffer', function()
      return latest(uri) ~= nil
    end)
    for _, rule in ipairs(EXPECTED_RULES) do
      assert(has_code(latest(uri), rule), ('expected %s in %s'):format(rule, vim.inspect(codes(latest(uri)))))
    end
    vim.cmd('buffer ' .. state.buf)
  end)
end

local function check_hover()
  check('hover on a person name returns their card', function()
    local row, col
    for i, text in ipairs(vim.api.nvim_buf_get_lines(state.buf, 0, -1, true)) do
      local at = text:find(HOVER_NAME, 1, true)
      if at ~= nil then
        row, col = i - 1, at - 1
        break
      end
    end
    assert(row ~= nil, HOVER_NAME .. ' is not in the buffer')
    local text = vim.api.nvim_buf_get_lines(state.buf, row, row + 1, true)[1]
    local params = {
      textDocument = { uri = state.uri },
      position = { line = row, character = lsp_col(text, col + 1, state.encoding) },
    }
    local responses = vim.lsp.buf_request_sync(state.buf, 'textDocument/hover', params, TIMEOUT)
    local card = ''
    for _, response in pairs(responses or {}) do
      assert(response.err == nil, vim.inspect(response.err))
      card = card .. hover_text(response.result)
    end
    assert(card:find(HOVER_NAME, 1, true), 'hover card: ' .. vim.inspect(card))
  end)
end

local function check_settings()
  check('set_rules() turns a rule off without a restart', function()
    local from = #published
    require('copydesk').set_rules({ [TOGGLED] = 'off' })
    wait_for(TOGGLED .. ' to disappear', function()
      return latest(state.uri, from, function(p)
        return not has_code(p, TOGGLED)
      end) ~= nil
    end)
  end)

  check('set_rules() raises a rule to error without a restart', function()
    local from = #published
    require('copydesk').set_rules({ [TOGGLED] = 'error' })
    wait_for(TOGGLED .. ' at error', function()
      return latest(state.uri, from, function(p)
        for _, d in ipairs(p.diagnostics) do
          if d.code == TOGGLED and d.severity == 1 then
            return true
          end
        end
        return false
      end) ~= nil
    end)
    wait_for('vim.diagnostic to show an error', function()
      return #vim.diagnostic.get(state.buf, { severity = vim.diagnostic.severity.ERROR }) > 0
    end)
  end)
end

--- Quick fixes and the outline, through the client's own request and apply paths.
local function check_code_action_and_outline()
  local path = temp_copy({ 'Ana Ortiz won the seat. Ortiz thanked her staff. Later, Ortíz said she was pleased.' }, 'seat.md')
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  local variant
  check('name-variant arrives with its fix in the diagnostic data', function()
    wait_for('name-variant diagnostics', function()
      return latest(uri, 0, function(p)
        return has_code(p, 'name-variant')
      end) ~= nil
    end)
    for _, d in ipairs(latest(uri).diagnostics) do
      if d.code == 'name-variant' then
        variant = d
      end
    end
    assert(variant.data and variant.data.fixes, vim.inspect(variant))
  end)
  check('a code action from the diagnostic data, applied by the client, is re-analysed', function()
    assert(variant ~= nil, 'no name-variant diagnostic')
    local params = { textDocument = { uri = uri }, range = variant.range, context = { diagnostics = { variant } } }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, TIMEOUT)
    local actions = {}
    for _, response in pairs(responses or {}) do
      assert(response.err == nil, vim.inspect(response.err))
      vim.list_extend(actions, response.result or {})
    end
    local titles = vim.tbl_map(function(a)
      return a.title
    end, actions)
    assert(titles[1] == 'Spell it “Ortiz”', vim.inspect(titles))
    assert(titles[2] == 'Ignore name-variant in this paragraph (with a reason)', vim.inspect(titles))
    local from = #published
    vim.lsp.util.apply_workspace_edit(actions[1].edit, state.encoding)
    local line = vim.api.nvim_buf_get_lines(buf, 0, 1, true)[1]
    assert(line == 'Ana Ortiz won the seat. Ortiz thanked her staff. Later, Ortiz said she was pleased.', line)
    wait_for('diagnostics without name-variant', function()
      return latest(uri, from, function(p)
        return not has_code(p, 'name-variant')
      end) ~= nil
    end)
  end)
  check('the outline lists people and sources', function()
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', { textDocument = { uri = uri } }, TIMEOUT)
    local symbols = {}
    for _, response in pairs(responses or {}) do
      assert(response.err == nil, vim.inspect(response.err))
      vim.list_extend(symbols, response.result or {})
    end
    local top = vim.tbl_map(function(x)
      return x.name
    end, symbols)
    assert(vim.deep_equal(top, { 'People', 'Sources' }), vim.inspect(top))
    assert(symbols[1].children[1].name == 'Ana Ortiz', vim.inspect(symbols[1].children))
    -- What :lua vim.lsp.buf.document_symbol() puts in the location list.
    local items = vim.lsp.util.symbols_to_items(symbols, buf, state.encoding)
    local texts = table.concat(vim.tbl_map(function(i)
      return i.text
    end, items), '\n')
    assert(texts:find('Ana Ortiz', 1, true) and texts:find('Named sources', 1, true), texts)
  end)
  vim.cmd('buffer ' .. state.buf)
end

local function check_stop()
  check('the client stops and the server exits', function()
    local id = state.client.id
    vim.lsp.stop_client(id)
    wait_for('the client to stop', function()
      return vim.lsp.get_client_by_id(id) == nil
    end)
  end)
end

local function check_files()
  check('examples/lspconfig.lua and lsp/copydesk.lua parse', function()
    assert(loadfile(nvim_dir .. '/examples/lspconfig.lua'))
    local config = assert(loadfile(nvim_dir .. '/lsp/copydesk.lua'))()
    assert(config.cmd[1] == 'copydesk' and config.cmd[2] == 'lsp', vim.inspect(config.cmd))
  end)
  check('config({ inlay_hints = false }) sends inlayHints = false to the server', function()
    local config = require('copydesk').config({ inlay_hints = false })
    assert(config.settings.copydesk.inlayHints == false, vim.inspect(config.settings))
    assert(config.init_options.inlayHints == false, vim.inspect(config.init_options))
    assert(require('copydesk').config({}).settings.copydesk.inlayHints == nil, 'unset by default')
  end)
  check('copydesk.rule_ids lists every rule id of the server registry', function()
    local registry = table.concat(vim.fn.readfile(nvim_dir .. '/../../src/analysis/model/rule_id.rs'), '\n')
    local ids = {}
    for id in registry:gmatch('=> [%w_]+, "([a-z-]+)", %u%l+,') do
      table.insert(ids, id)
    end
    table.sort(ids)
    assert(#ids > 0, 'no rule ids found in src/analysis/model/rule_id.rs')
    assert(vim.deep_equal(ids, require('copydesk').rule_ids), vim.inspect(ids))
  end)
end

local ok, err = xpcall(function()
  local v = vim.version()
  say(('# neovim %d.%d.%d, mode %s, binary %s'):format(v.major, v.minor, v.patch, mode, bin))
  check_files()
  start_client()
  open_fixture()
  check_edits()
  check_hover()
  check_plain_text()
  check_settings()
  check_code_action_and_outline()
  check_stop()
end, debug.traceback)
if not ok then
  failed = failed + 1
  say('not ok - unexpected error\n  ' .. tostring(err))
end
finish()
