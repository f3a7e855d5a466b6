// Trained weights in content/nlu/trained.json: the bytes of typed arrays in base64, so a stored model
// is exactly the trained one (decimal text would round) in a third of the size. Typed arrays use the
// platform's byte order, which is little-endian on every platform Node supports in production.

/** The bytes of a typed array (weights, bytes, signed bytes and 16-bit levels), in base64. */
export function encodeTypedArray(values: Float32Array | Uint8Array | Int8Array | Int16Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** Stored float32 weights, `count` of them; a file with another number is refused, not misread. */
export function decodeFloat32(encoded: string, count: number, what: string): Float32Array {
  return new Float32Array(bytesOf(encoded, count * Float32Array.BYTES_PER_ELEMENT, what).buffer);
}

/** Stored bytes, `count` of them. */
export function decodeBytes(encoded: string, count: number, what: string): Uint8Array {
  return bytesOf(encoded, count, what);
}

/** Stored signed bytes, `count` of them. */
export function decodeInt8(encoded: string, count: number, what: string): Int8Array {
  return new Int8Array(bytesOf(encoded, count, what).buffer);
}

/** Stored signed 16-bit whole numbers, `count` of them. */
export function decodeInt16(encoded: string, count: number, what: string): Int16Array {
  return new Int16Array(bytesOf(encoded, count * Int16Array.BYTES_PER_ELEMENT, what).buffer);
}

function bytesOf(encoded: string, length: number, what: string): Uint8Array {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length !== length) throw new Error(`content/nlu/trained.json: ${what} has the wrong number of values (${bytes.length} bytes, ${length} expected); run npm run nlu:build`);
  // A copy, because a Buffer's bytes may sit in a shared pool at an offset a typed array cannot start at.
  return new Uint8Array(bytes);
}
