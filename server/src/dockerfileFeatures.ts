/**
 * The editing features of `dockerfile-language-service` for Dockerfile documents: completion, hover, formatting
 * and document symbols. Its validation is not used here (the engine rule `dockerfile/syntax` reports it).
 * Offline: its Docker Hub client (image tag completion in FROM) is replaced by one that answers nothing.
 */
import { DockerfileLanguageServiceFactory, type DockerfileLanguageService } from 'dockerfile-language-service';
import { DockerRegistryClient } from 'dockerfile-language-service/lib/dockerRegistryClient';
import type {
  ClientCapabilities,
  CompletionItem,
  DocumentSymbol,
  FormattingOptions,
  Hover,
  Position,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from './logger';

// No network, ever: tag completion would query registry-1.docker.io. Patched on the prototype the service uses.
const offlineRegistry = DockerRegistryClient.prototype as unknown as Record<string, unknown>;
offlineRegistry.getTags = () => Promise.resolve([]);
offlineRegistry.requestToken = () => Promise.resolve(null);
offlineRegistry.listTags = () => Promise.resolve(null);

export class DockerfileFeatures {
  private readonly service: DockerfileLanguageService;

  constructor(capabilities: ClientCapabilities, logger: Logger) {
    this.service = DockerfileLanguageServiceFactory.createLanguageService();
    this.service.setLogger({ log: (message: string) => logger.debug(`dockerfile-language-service: ${message}`) });
    this.service.setCapabilities({
      completion: {
        completionItem: {
          deprecatedSupport: capabilities.textDocument?.completion?.completionItem?.deprecatedSupport,
          documentationFormat: capabilities.textDocument?.completion?.completionItem?.documentationFormat,
          snippetSupport: capabilities.textDocument?.completion?.completionItem?.snippetSupport,
          tagSupport: capabilities.textDocument?.completion?.completionItem?.tagSupport,
        },
      },
      hover: { contentFormat: capabilities.textDocument?.hover?.contentFormat },
    });
  }

  async completion(document: TextDocument, position: Position): Promise<CompletionItem[]> {
    return await this.service.computeCompletionItems(document.getText(), position);
  }

  resolveCompletion(item: CompletionItem): CompletionItem {
    return this.service.resolveCompletionItem(item);
  }

  hover(document: TextDocument, position: Position): Hover | null {
    return this.service.computeHover(document.getText(), position);
  }

  format(document: TextDocument, options: FormattingOptions): TextEdit[] {
    return this.service.format(document.getText(), options);
  }

  symbols(document: TextDocument): SymbolInformation[] | DocumentSymbol[] {
    return this.service.computeSymbols({ uri: document.uri }, document.getText());
  }
}
