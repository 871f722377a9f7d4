export {
  bundledContextUrls,
  createDocumentLoader,
  getBundledContext,
  type DocumentLoader,
  type DocumentLoaderOptions,
  type DocumentResolver,
  type RemoteDocument,
} from './document-loader.js';
export * from './urls.js';
