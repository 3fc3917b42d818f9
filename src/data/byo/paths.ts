// Bring your own images, file names: which are images, their MIME type, and which paths are unsafe to use.

const IMAGE_EXT = /\.(png|jpe?g|gif|webp|bmp)$/i;
const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp' };

export function isImagePath(path: string): boolean {
  return IMAGE_EXT.test(path);
}

export function typeOfPath(path: string): string {
  return MIME[path.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/**
 * A path that climbs out of its folder ('../evil.png', 'a/../../b.png'), starts at a root ('/etc/x.png',
 * 'C:/x.png') or uses backslashes: a zip made to trick an unpacker. Never used as an image, always listed.
 */
export function isUnsafePath(path: string): boolean {
  if (path.startsWith('/') || path.includes('\\') || /^[a-z]:/i.test(path) || path.includes('\0')) return true;
  return path.split('/').some((part) => part === '..' || part === '.');
}
