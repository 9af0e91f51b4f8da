-- A minimal Neovim 0.7 setup for the Docker Harden language server: one stdio client, attached to every yaml and
-- dockerfile buffer. The compose file keeps the plain `yaml` language id: the server recognises it by name.
local server = vim.env.DOCKER_HARDEN_SERVER_CMD
local root = vim.env.DOCKER_HARDEN_ROOT
local client_id = nil

local function attach(bufnr)
  if not client_id then
    client_id = vim.lsp.start_client({
      name = 'docker-harden',
      cmd = { vim.env.DOCKER_HARDEN_NODE or 'node', server, '--stdio' },
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
    })
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'yaml', 'dockerfile' },
  callback = function(args) attach(args.buf) end,
})
