import { contentSettings, loadConfig, type AppConfig } from './config/config';
import { ContentError, loadContent, type Content } from './content/loadContent';

/**
 * The settings and the content, each read once at start. The content is read first, so that the
 * settings naming adviser pools are checked against the pools it defines inside the one ConfigError
 * that lists every setting problem. That error comes before the content's own: a wrong setting
 * (CONTENT_DIR) may be why the content could not be read, and then the pool settings wait for it.
 */
export function loadConfigAndContent(environment: NodeJS.ProcessEnv = process.env): { config: AppConfig; content: Content } {
  const { contentDir, production } = contentSettings(environment);
  let content: Content | undefined;
  let contentError: unknown;
  try {
    content = loadContent(contentDir, { refusePlaceholders: production });
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    contentError = error;
  }
  const config = loadConfig(environment, content?.adviserPools);
  if (!content) throw contentError;
  return { config, content };
}
