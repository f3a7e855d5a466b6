/**
 * Renders the Teams app icons from their SVG sources:
 *   appPackage/icons/color.svg   → appPackage/color.png   (192×192, full colour)
 *   appPackage/icons/outline.svg → appPackage/outline.png (32×32, white on transparent)
 * Run with `npm run icons` after changing an SVG, and commit the PNGs.
 */
import path from 'node:path';
import sharp from 'sharp';
import { ICON_SIZES, outlineIconProblems } from '../tools/appPackage/validateAppPackage';

const appPackageDir = path.resolve(__dirname, '..', 'appPackage');

async function renderIcon(name: keyof typeof ICON_SIZES): Promise<string> {
  const size = ICON_SIZES[name];
  const source = path.join(appPackageDir, 'icons', `${name}.svg`);
  const target = path.join(appPackageDir, `${name}.png`);
  const { data, info } = await sharp(source).resize(size, size).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (name === 'outline') {
    // Anti-aliased edges come out as slightly grey; Teams wants pure white with only the alpha varying.
    for (let offset = 0; offset < data.length; offset += 4) data.fill(255, offset, offset + 3);
  }
  await sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
    .png({ compressionLevel: 9, palette: false })
    .toFile(target);
  return target;
}

async function main(): Promise<void> {
  for (const name of ['color', 'outline'] as const) {
    const target = await renderIcon(name);
    process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
  }
  const problems = outlineIconProblems(await sharp(path.join(appPackageDir, 'outline.png')).png().toBuffer());
  if (problems.length > 0) throw new Error(problems.join('; '));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
