/**
 * The browser build's stand-in for dockerfile-language-service's LanguageService class (lib/languageService.js):
 * the methods this project calls (completion, hover, formatting and symbols in dockerfileFeatures.ts, code actions
 * for syntax errors in the engine's dockerfile/syntax rule), each written as that class writes it, over the same
 * modules of the library. The class itself loads every feature of the library, and the rest (signature help,
 * semantic tokens, folding, highlights, definitions, rename, links: 50 KB of the browser bundle) is never called.
 * scripts/build-web.mjs puts this module in place of `./languageService` for the library's main module; the Node
 * builds use the library's own class.
 */
import * as DockerfileUtils from 'dockerfile-utils';
import { DockerAssist } from 'dockerfile-language-service/lib/dockerAssist';
import { DockerCommands } from 'dockerfile-language-service/lib/dockerCommands';
import { DockerCompletion } from 'dockerfile-language-service/lib/dockerCompletion';
import { DockerHover } from 'dockerfile-language-service/lib/dockerHover';
import { MarkdownDocumentation } from 'dockerfile-language-service/lib/dockerMarkdown';
import { PlainTextDocumentation } from 'dockerfile-language-service/lib/dockerPlainText';
import { DockerRegistryClient } from 'dockerfile-language-service/lib/dockerRegistryClient';
import { DockerSymbols } from 'dockerfile-language-service/lib/dockerSymbols';
import { TextDocument } from 'vscode-languageserver-textdocument';

type Library = import('dockerfile-language-service').DockerfileLanguageService;
type Capabilities = Parameters<Library['setCapabilities']>[0];
type CompletionItemCapabilities = ConstructorParameters<typeof DockerAssist>[2];
type HoverFormat = Parameters<DockerHover['onHover']>[2];

export class LanguageService implements Pick<Library, 'setLogger' | 'setCapabilities' | 'computeCodeActions' | 'computeCommandEdits' | 'computeCompletionItems' | 'resolveCompletionItem' | 'computeHover' | 'computeSymbols' | 'validate' | 'format' | 'formatRange' | 'formatOnType'> {
  private readonly markdownDocumentation = new MarkdownDocumentation();
  private readonly plainTextDocumentation = new PlainTextDocumentation();
  private logger: Parameters<Library['setLogger']>[0] | undefined;
  private completionItemCapabilities: CompletionItemCapabilities | undefined;
  private hoverContentFormat: HoverFormat | undefined;

  setLogger(logger: Parameters<Library['setLogger']>[0]): void {
    this.logger = logger;
  }

  setCapabilities(capabilities: Capabilities): void {
    this.completionItemCapabilities = capabilities?.completion?.completionItem as CompletionItemCapabilities | undefined;
    this.hoverContentFormat = capabilities?.hover?.contentFormat as HoverFormat | undefined;
  }

  computeCodeActions(...[textDocument, , context]: Parameters<Library['computeCodeActions']>): ReturnType<Library['computeCodeActions']> {
    return new DockerCommands().analyzeDiagnostics(context.diagnostics, textDocument.uri) as ReturnType<Library['computeCodeActions']>;
  }

  computeCommandEdits(...[content, command, args]: Parameters<Library['computeCommandEdits']>): ReturnType<Library['computeCommandEdits']> {
    return new DockerCommands().computeCommandEdits(content, command, args) as ReturnType<Library['computeCommandEdits']>;
  }

  computeCompletionItems(...[content, position]: Parameters<Library['computeCompletionItems']>): ReturnType<Library['computeCompletionItems']> {
    const document = TextDocument.create('', '', 0, content);
    const dockerAssist = new DockerAssist(document, new DockerRegistryClient(this.logger), this.completionItemCapabilities as CompletionItemCapabilities);
    return dockerAssist.computeProposals(position) as ReturnType<Library['computeCompletionItems']>;
  }

  resolveCompletionItem(...[item]: Parameters<Library['resolveCompletionItem']>): ReturnType<Library['resolveCompletionItem']> {
    if (!item.documentation) {
      return new DockerCompletion().resolveCompletionItem(item as never, this.completionItemCapabilities?.documentationFormat) as ReturnType<Library['resolveCompletionItem']>;
    }
    return item;
  }

  computeHover(...[content, position]: Parameters<Library['computeHover']>): ReturnType<Library['computeHover']> {
    const dockerHover = new DockerHover(this.markdownDocumentation, this.plainTextDocumentation);
    return dockerHover.onHover(content, position, this.hoverContentFormat as HoverFormat) as ReturnType<Library['computeHover']>;
  }

  computeSymbols(...[textDocument, content]: Parameters<Library['computeSymbols']>): ReturnType<Library['computeSymbols']> {
    return new DockerSymbols().parseSymbolInformation(textDocument, content) as ReturnType<Library['computeSymbols']>;
  }

  validate(...[content, settings]: Parameters<Library['validate']>): ReturnType<Library['validate']> {
    return DockerfileUtils.validate(content, settings) as ReturnType<Library['validate']>;
  }

  format(...[content, settings]: Parameters<Library['format']>): ReturnType<Library['format']> {
    return DockerfileUtils.format(content, settings) as ReturnType<Library['format']>;
  }

  formatRange(...[content, range, settings]: Parameters<Library['formatRange']>): ReturnType<Library['formatRange']> {
    return DockerfileUtils.formatRange(content, range, settings) as ReturnType<Library['formatRange']>;
  }

  formatOnType(...[content, position, ch, settings]: Parameters<Library['formatOnType']>): ReturnType<Library['formatOnType']> {
    return DockerfileUtils.formatOnType(content, position, ch, settings) as ReturnType<Library['formatOnType']>;
  }
}
