import { inflateSync } from 'node:zlib';

/**
 * Just enough PNG reading to check the Teams icon rules (size, and an outline icon that is white on
 * transparent): 8-bit, non-interlaced images, which is what the icon build writes.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlaced: boolean;
}

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** Four bytes per pixel, row by row: red, green, blue, alpha. */
  readonly pixels: Uint8Array;
}

export class PngFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngFormatError';
  }
}

interface PngChunk {
  readonly type: string;
  readonly data: Buffer;
}

function* readChunks(png: Buffer): Generator<PngChunk> {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new PngFormatError('not a PNG file');
  let offset = 8;
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 8 + length;
    if (end + 4 > png.length) throw new PngFormatError(`truncated ${type} chunk`);
    yield { type, data: png.subarray(offset + 8, end) };
    if (type === 'IEND') return;
    offset = end + 4; // skip the CRC
  }
  throw new PngFormatError('missing IEND chunk');
}

export function readPngHeader(png: Uint8Array): PngHeader {
  const first = readChunks(Buffer.from(png.buffer, png.byteOffset, png.byteLength)).next();
  if (first.done || first.value.type !== 'IHDR' || first.value.data.length < 13) throw new PngFormatError('missing IHDR chunk');
  const ihdr = first.value.data;
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8],
    colorType: ihdr[9],
    interlaced: ihdr[12] === 1,
  };
}

const CHANNELS_BY_COLOR_TYPE: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function decodePng(png: Uint8Array): RgbaImage {
  const buffer = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const header = readPngHeader(buffer);
  const channels = CHANNELS_BY_COLOR_TYPE[header.colorType];
  if (channels === undefined) throw new PngFormatError(`unknown colour type ${header.colorType}`);
  if (header.bitDepth !== 8 || header.interlaced) {
    throw new PngFormatError(`only 8-bit non-interlaced PNGs are read (bit depth ${header.bitDepth}, interlaced ${header.interlaced})`);
  }

  let palette: Buffer | undefined;
  let paletteAlpha: Buffer | undefined;
  const compressed: Buffer[] = [];
  for (const chunk of readChunks(buffer)) {
    if (chunk.type === 'PLTE') palette = chunk.data;
    else if (chunk.type === 'tRNS') paletteAlpha = chunk.data;
    else if (chunk.type === 'IDAT') compressed.push(chunk.data);
  }
  const raw = unfilter(inflateSync(Buffer.concat(compressed)), header.width, header.height, channels);

  const pixels = new Uint8Array(header.width * header.height * 4);
  for (let index = 0; index < header.width * header.height; index += 1) {
    const source = index * channels;
    const target = index * 4;
    switch (header.colorType) {
      case 0:
        pixels.set([raw[source], raw[source], raw[source], 255], target);
        break;
      case 2:
        pixels.set([raw[source], raw[source + 1], raw[source + 2], 255], target);
        break;
      case 3: {
        const entry = raw[source];
        if (!palette || entry * 3 + 2 >= palette.length) throw new PngFormatError('palette entry out of range');
        pixels.set([palette[entry * 3], palette[entry * 3 + 1], palette[entry * 3 + 2], paletteAlpha?.[entry] ?? 255], target);
        break;
      }
      case 4:
        pixels.set([raw[source], raw[source], raw[source], raw[source + 1]], target);
        break;
      default:
        pixels.set(raw.subarray(source, source + 4), target);
    }
  }
  return { width: header.width, height: header.height, pixels };
}

/** Reverses the per-row PNG filters (none, sub, up, average, Paeth). */
function unfilter(data: Buffer, width: number, height: number, bytesPerPixel: number): Uint8Array {
  const stride = width * bytesPerPixel;
  if (data.length < height * (stride + 1)) throw new PngFormatError('image data is shorter than the header says');
  const out = new Uint8Array(height * stride);
  for (let row = 0; row < height; row += 1) {
    const filter = data[row * (stride + 1)];
    const line = data.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    const at = row * stride;
    for (let column = 0; column < stride; column += 1) {
      const left = column >= bytesPerPixel ? out[at + column - bytesPerPixel] : 0;
      const up = row > 0 ? out[at - stride + column] : 0;
      const upLeft = row > 0 && column >= bytesPerPixel ? out[at - stride + column - bytesPerPixel] : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = (left + up) >> 1;
          break;
        case 4:
          predictor = paeth(left, up, upLeft);
          break;
        default:
          throw new PngFormatError(`unknown filter type ${filter} in row ${row}`);
      }
      out[at + column] = (line[column] + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}
