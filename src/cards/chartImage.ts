import path from 'node:path';

/**
 * Teams cards show PNG, JPEG and GIF but not SVG, and a bot message must stay under about
 * 28 KB. So a chart is drawn with a font that ships with the app (the same on every host), and
 * stored as a palette PNG: a 640-pixel bar chart comes to about 7 KB.
 */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FAMILY = 'DejaVu Sans';

export async function chartPngDataUri(svg: string, width: number = 640): Promise<string> {
  // Loaded on first use: only programme leads ask for charts, and start-up should not wait for them.
  const [{ Resvg }, { default: sharp }] = await Promise.all([import('@resvg/resvg-js'), import('sharp')]);
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: {
      fontFiles: [path.join(FONT_DIR, 'DejaVuSans.ttf'), path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  }).render();
  const png = await sharp(rendered.pixels, { raw: { width: rendered.width, height: rendered.height, channels: 4 } })
    .png({ palette: true, colours: 32, compressionLevel: 9, effort: 10 })
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}
