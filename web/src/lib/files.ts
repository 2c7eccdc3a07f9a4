/**
 * What kind of file a link points at, for showing it: a photo as a thumbnail, anything else as a
 * document icon. The decision items' files carry only a name, so the name's extension decides when
 * no content type is known.
 */

const IMAGE_NAME = /\.(jpe?g|png|gif|webp)$/i;

export function isImage(filename: string, contentType?: string | null): boolean {
  if (contentType) return contentType.startsWith("image/");
  return IMAGE_NAME.test(filename);
}

/** The API's refusals of an uploaded file itself (its bytes, size or slip), as opposed to the form around it. */
const FILE_REFUSALS = new Set(["FILE_CONTENT_MISMATCH", "FILE_TOO_LARGE", "UPLOAD_NOT_FOUND", "INVALID_UPLOAD_TOKEN", "UPLOAD_ALREADY_USED"]);

export function refusesFile(code: string): boolean {
  return FILE_REFUSALS.has(code);
}
