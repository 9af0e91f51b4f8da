/**
 * Wires the language server: documents, settings, linting, code actions, code lenses, the custom requests of
 * protocol.ts and the Dockerfile editing features, each registered only when the client can use it.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NO_CONFIG_FILES, type ConfigFiles, type Workspace } from '../../engine/src/index';
import { CodeActionProvider, FIX_ALL_KIND } from './codeActions';
import { ComposeFeatures } from './compose/features';
import { DockerfileFeatures } from './dockerfileFeatures';
import { OpenDocuments, uriToPath, type WriteChecks } from './documents';
import { Engine, type OpenBuffer } from './engine';
import { DEBOUNCE_MS, LintScheduler } from './linting';
import { Logger } from './logger';
import { Commands, HardenServiceRequest, ListServicesRequest, ProductionOverrideRequest, WATCHED_GLOBS } from './protocol';
import { ServiceFeatures } from './services';
import { affectsConfig, ProjectConfigs } from './projectConfig';
import { PendingModes } from './workspaceEdits';
import { SettingsCache } from './settings';

/** What differs between the Node build and the browser build, beyond the engine module the build picks. */
export interface ServerHost {
  /** The files of a workspace folder as requests read them, open documents first (default: those alone). */
  workspace?(root: string, open: (absolutePath: string) => string | undefined): Workspace;
  /**
   * A file changed outside the editor (a watched-file event) or an open document closed: what the host keeps of the
   * file's text, or of its folder's listing, is out of date (the browser build's file cache).
   */
  fileChanged?(absolutePath: string): void;
  /**
   * Fetches the files that reads since the last call asked for and the host did not hold (the browser build's file
   * cache); true when it fetched any, so that the request that read them is answered again with them.
   */
  fetchWanted?(): Promise<boolean>;
  /** The text of a file that is not open (a request about a closed compose file); default: none. */
  readFile?(absolutePath: string): Promise<string | undefined>;
  /** Where `.docker-harden.yaml` and `.hadolint.yaml` are looked for besides the open documents; default: nowhere. */
  configFiles?: ConfigFiles;
  /** What an edit of other files is checked against, and how created files get their mode; default: no disk. */
  writeChecks?: WriteChecks;
  /** The folder of an unsaved document when there is no workspace folder; default: `/`. */
  untitledFolder?: string;
}

/** The most times a request is answered again because it read files the host had to fetch first. */
const MAX_REQUEST_RUNS = 4;

/** What the host's entry can ask of a started server. */
export interface StartedServer {
  /** The URI of a file the engine names by path: the open document's, else one under its workspace folder's scheme. */
  uriOf(absolutePath: string): string;
  /** Re-lints what depends on a file (and everything, for a config file), as a watched-file event does. */
  fileChanged(absolutePath: string): void;
  /** The workspace folder holding a path (the innermost one), if any. */
  workspaceFolderOf(absolutePath: string): string | undefined;
  /**
   * The config files the lookup saw may differ now (the browser build learnt of a `.docker-harden.yaml`,
   * `.hadolint.yaml` or `.git` it had not fetched yet): configs are looked up again and every document is re-linted.
   */
  configsChanged(): void;
}

export function startServer(connection: Connection, host: ServerHost = {}): StartedServer {
  /** A request's answer, computed again while it read files the host fetched meanwhile (the browser build). */
  const withFiles = async <T>(answer: () => Promise<T> | T): Promise<T> => {
    for (let run = 1; ; run++) {
      const result = await answer();
      if (!host.fetchWanted || run === MAX_REQUEST_RUNS || !(await host.fetchWanted())) return result;
    }
  };
  const documents = new TextDocuments(TextDocument);
  const open = new OpenDocuments(documents, host.workspace?.bind(host), host.writeChecks, host.untitledFolder);
  const logger = new Logger(connection.console);
  const configs = new ProjectConfigs((p) => open.byPath(p)?.getText(), host.configFiles ?? NO_CONFIG_FILES);
  const pendingModes = new PendingModes(open.writeChecks);
  // The open buffers the engine worker reads instead of the disk (those with a file path, as OpenDocuments.byPath).
  const buffers = (): OpenBuffer[] =>
    documents.all().flatMap((document) => {
      const filePath = uriToPath(document.uri);
      return filePath ? [{ path: filePath, key: `${document.uri}@${document.version}`, text: () => document.getText() }] : [];
    });
  const engine = new Engine(buffers, logger);
  // The worker starts now, while the client initializes: the first lint does not wait for it to load the engine.
  engine.warmUp();
  let capabilities: ClientCapabilities = {};
  let settings = new SettingsCache(undefined);
  let linter: LintScheduler | undefined;
  let codeActions: CodeActionProvider | undefined;
  let services: ServiceFeatures | undefined;
  let dockerfile: DockerfileFeatures | undefined;
  let compose: ComposeFeatures | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    open.setWorkspaceFolders(folders);
    const text = capabilities.textDocument;
    const workspace = capabilities.workspace;
    const supportsConfiguration = Boolean(workspace?.configuration);
    settings = new SettingsCache(
      supportsConfiguration
        ? (uri) => connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: 'dockerHarden' } : { section: 'dockerHarden' })
        : undefined,
    );
    linter = new LintScheduler(
      connection,
      open,
      settings,
      logger,
      {
        codeDescription: Boolean(text?.publishDiagnostics?.codeDescriptionSupport),
        tags: Boolean(text?.publishDiagnostics?.tagSupport),
      },
      configs,
      engine,
    );
    const literals = Boolean(text?.codeAction?.codeActionLiteralSupport);
    const resourceOperations = workspace?.workspaceEdit?.resourceOperations ?? [];
    codeActions = new CodeActionProvider(open, linter, {
      literals,
      isPreferred: Boolean(text?.codeAction?.isPreferredSupport),
      documentChanges: Boolean(workspace?.workspaceEdit?.documentChanges),
      createFile: resourceOperations.includes('create'),
      changeAnnotations: Boolean(workspace?.workspaceEdit?.changeAnnotationSupport),
    }, pendingModes, engine);
    services = new ServiceFeatures(open, linter, settings, logger, engine);
    dockerfile = new DockerfileFeatures(capabilities, logger);
    compose = new ComposeFeatures(open, {
      snippets: Boolean(text?.completion?.completionItem?.snippetSupport),
      documentChanges: Boolean(workspace?.workspaceEdit?.documentChanges),
    });

    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: literals ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } : true,
        completionProvider: { resolveProvider: true, triggerCharacters: ['=', ' ', '$', '-', ':'] },
        hoverProvider: true,
        documentFormattingProvider: true,
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: text?.rename?.prepareSupport ? { prepareProvider: true } : true,
        documentLinkProvider: { resolveProvider: false },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'docker-harden' },
    };
    if (text?.codeLens) result.capabilities.codeLensProvider = { resolveProvider: false };
    if (!literals) result.capabilities.executeCommandProvider = { commands: [Commands.applyEdit] };
    if (workspace?.workspaceFolders) {
      result.capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
    }
    return result;
  });

  connection.onInitialized(() => {
    const workspace = capabilities.workspace;
    if (workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockerHarden' });
    }
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
      });
    }
    if (workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        open.setWorkspaceFolders(folders.map((folder) => folder.uri));
        linter?.scheduleAll();
      });
    }
    void updateTrace();
  });

  async function updateTrace(): Promise<void> {
    logger.level = (await settings.get(undefined)).trace;
  }

  connection.onDidChangeConfiguration((change) => {
    configs.invalidate();
    settings.invalidate(change.settings);
    void updateTrace();
    logger.info('configuration changed: re-linting open documents');
    linter?.scheduleAll();
    // `dockerHarden.inlayHints.enabled` may have changed: the client asks again.
    if (capabilities.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh();
  });

  // TextDocuments fires onDidChangeContent right after onDidOpen: that first one is the open, linted at once.
  const justOpened = new Set<string>();
  /** A file changed (buffer or disk): re-lint what depends on it, or everything when it is a config file. */
  function fileChanged(filePath: string | undefined, uri?: string): void {
    if (!filePath || !linter) return;
    if (affectsConfig(filePath)) {
      configs.invalidate();
      linter.scheduleAll(DEBOUNCE_MS, uri);
    } else {
      linter.scheduleDependents(filePath, uri);
    }
  }

  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    if (linter?.lintable(event.document)) linter.schedule(event.document.uri, 0);
    // Dependents read the file from disk until now; the buffer may differ.
    fileChanged(uriToPath(event.document.uri), event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    if (justOpened.delete(event.document.uri) || !linter) return;
    if (linter.lintable(event.document)) linter.schedule(event.document.uri);
    fileChanged(uriToPath(event.document.uri), event.document.uri);
  });
  documents.onDidClose((event) => {
    justOpened.delete(event.document.uri);
    linter?.closed(event.document.uri);
    settings.forget(event.document.uri);
    // The buffer is gone: dependents now see the file on disk.
    const closedPath = uriToPath(event.document.uri);
    if (closedPath) host.fileChanged?.(closedPath);
    fileChanged(closedPath, event.document.uri);
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const filePath = uriToPath(change.uri);
      if (filePath && change.type === FileChangeType.Created && pendingModes.created(filePath)) {
        logger.info(`set the mode of ${change.uri} as its fix asked`);
      }
      if (filePath) host.fileChanged?.(filePath);
      // An open document's buffer wins over the disk: its own changes arrive through didChange.
      if (filePath && !open.byPath(filePath)) fileChanged(filePath);
    }
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !codeActions || !open.kindOf(document)) return [];
    return withFiles(() => codeActions!.provide(document, params));
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== Commands.applyEdit || !params.arguments?.[0]) return;
    await connection.workspace.applyEdit(params.arguments[0] as WorkspaceEdit);
  });

  connection.onCodeLens(async (params) => {
    const document = documents.get(params.textDocument.uri);
    return document && services ? services.codeLenses(document) : [];
  });

  connection.onRequest(ListServicesRequest.method, async (params: ListServicesRequest.Params) => {
    const document = await documentFor(params.uri);
    return document && services ? services.listServices(document) : [];
  });

  connection.onRequest(HardenServiceRequest.method, async (params: HardenServiceRequest.Params) => {
    const document = await documentFor(params.uri);
    if (!document || !services) return { changes: [], fixCount: 0, unknownServices: params.services ?? [] };
    return services.hardenService(document, params.services ?? []);
  });

  connection.onRequest(ProductionOverrideRequest.method, async (params: ProductionOverrideRequest.Params) => {
    const document = await documentFor(params.uri);
    if (!document || !services) return { changes: [], services: [], refused: 'The compose file could not be read.' };
    return services.productionOverride(document);
  });

  /** An open document, or the file on disk for a request about a closed compose file. */
  async function documentFor(uri: string): Promise<TextDocument | undefined> {
    const document = documents.get(uri);
    if (document) return document;
    const filePath = uriToPath(uri);
    if (!filePath) return undefined;
    // Only a regular file: a FIFO named compose.yaml would block the server for good.
    const text = await host.readFile?.(filePath);
    return text === undefined ? undefined : TextDocument.create(uri, 'dockercompose', 0, text);
  }

  /** An open Dockerfile within the size limit: these features parse it on the request thread. */
  const dockerfileDocument = async (uri: string) => {
    const document = documents.get(uri);
    if (!document || open.kindOf(document) !== 'dockerfile' || !linter) return undefined;
    return linter.tooLarge(document, await settings.get(uri)) ? undefined : document;
  };
  /** An open compose file within the size limit: these features parse it on the request thread. */
  const composeDocument = async (uri: string) => {
    const document = documents.get(uri);
    if (!document || open.kindOf(document) !== 'compose' || !linter) return undefined;
    return linter.tooLarge(document, await settings.get(uri)) ? undefined : document;
  };
  connection.onCompletion(async (params) => {
    const composeFile = await composeDocument(params.textDocument.uri);
    if (composeFile && compose) return withFiles(() => compose!.completion(composeFile, params.position));
    const document = await dockerfileDocument(params.textDocument.uri);
    return document && dockerfile ? dockerfile.completion(document, params.position) : [];
  });
  connection.onCompletionResolve((item) => (dockerfile ? dockerfile.resolveCompletion(item) : item));
  connection.onHover(async (params) => {
    const composeFile = await composeDocument(params.textDocument.uri);
    if (composeFile && compose) {
      const lint = linter?.last(composeFile.uri);
      return compose.hover(composeFile, params.position, lint && lint.version === composeFile.version ? lint.result.problems : []);
    }
    const document = await dockerfileDocument(params.textDocument.uri);
    return document && dockerfile ? dockerfile.hover(document, params.position) : null;
  });
  connection.onDocumentFormatting(async (params) => {
    const document = await dockerfileDocument(params.textDocument.uri);
    return document && dockerfile ? dockerfile.format(document, params.options) : [];
  });
  connection.onDocumentSymbol(async (params) => {
    const composeFile = await composeDocument(params.textDocument.uri);
    if (composeFile && compose) return compose.symbols(composeFile);
    const document = await dockerfileDocument(params.textDocument.uri);
    return document && dockerfile ? dockerfile.symbols(document) : [];
  });
  connection.onDefinition(async (params) => {
    const document = await composeDocument(params.textDocument.uri);
    return document && compose ? compose.definition(document, params.position) : [];
  });
  connection.onReferences(async (params) => {
    const document = await composeDocument(params.textDocument.uri);
    return document && compose ? compose.references(document, params.position, params.context.includeDeclaration) : [];
  });
  connection.onDocumentHighlight(async (params) => {
    const document = await composeDocument(params.textDocument.uri);
    return document && compose ? compose.highlights(document, params.position) : [];
  });
  connection.onPrepareRename(async (params) => {
    const document = await composeDocument(params.textDocument.uri);
    return document && compose ? compose.prepareRename(document, params.position) : null;
  });
  connection.onRenameRequest(async (params) => {
    const document = await composeDocument(params.textDocument.uri);
    return document && compose ? compose.rename(document, params.position, params.newName) : null;
  });
  connection.onDocumentLinks(async (params) => {
    const document = await composeDocument(params.textDocument.uri);
    return document && compose ? withFiles(() => compose!.links(document)) : [];
  });
  connection.languages.inlayHint.on(async (params) => {
    const document = await composeDocument(params.textDocument.uri);
    if (!document || !compose || !(await settings.get(document.uri)).inlayHints) return [];
    return compose.inlayHints(document, params.range);
  });

  documents.listen(connection);
  connection.listen();
  return {
    uriOf: (absolutePath) => open.uriOf(absolutePath),
    fileChanged: (absolutePath) => fileChanged(absolutePath),
    workspaceFolderOf: (absolutePath) => open.workspaceFolderOf(absolutePath),
    configsChanged: () => {
      configs.invalidate();
      linter?.scheduleAll(0);
    },
  };
}
