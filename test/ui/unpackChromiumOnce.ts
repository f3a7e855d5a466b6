import { chromiumPath } from '../../tools/cardPreview/headlessChromium';

/**
 * Jest's globalSetup: the packaged Chromium is unpacked once, before the workers start, so the
 * first card-render or Playground test does not spend its hook timeout on unpacking (a few
 * seconds on a quiet machine, much longer on a busy one). Later runs find it in the temp folder.
 */
export default function unpackChromiumOnce(): void {
  chromiumPath();
}
