// Reading the text of generated Office files in tests, without extra libraries: a .docx or .xlsx is a zip
// of XML parts; this reads the zip's central directory and inflates each part.
import { inflateRawSync } from 'node:zlib';

/** Every part of a zip (name → bytes), found through the central directory (works with data descriptors). */
export function zipParts(zip: Buffer): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('zip central directory is damaged');
    const method = zip.readUInt16LE(offset + 10);
    const compressed = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    parts.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/** All text of all XML parts (tags removed): what a person could read in the file. */
export function officeText(file: Buffer): string {
  return [...zipParts(file).entries()]
    .filter(([name]) => name.endsWith('.xml'))
    .map(([, data]) => data.toString('utf8').replace(/<[^>]+>/g, ' '))
    .join('\n');
}

/** The body text of a .docx. */
export function docxText(file: Buffer): string {
  const doc = zipParts(file).get('word/document.xml');
  if (!doc) throw new Error('not a .docx: no word/document.xml');
  return doc.toString('utf8').replace(/<[^>]+>/g, '');
}
