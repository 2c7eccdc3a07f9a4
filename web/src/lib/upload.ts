/** A presigned S3 POST sent with XMLHttpRequest, which (unlike fetch) reports upload progress. */

export interface UploadForm {
  url: string;
  fields: Record<string, unknown>;
}

export class UploadFailed extends Error {
  constructor(public readonly status: number) {
    super(status ? `upload answered ${status}` : "upload failed");
  }
}

export function postToStorage(form: UploadForm, file: Blob, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(form.fields)) body.append(name, String(value));
    body.append("file", file); // S3 ignores fields after the file, so it goes last
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new UploadFailed(xhr.status));
    };
    xhr.onerror = () => reject(new UploadFailed(0));
    xhr.ontimeout = () => reject(new UploadFailed(0));
    xhr.timeout = 120_000;
    xhr.send(body);
  });
}

/** A File's bytes as base64 (for the roster import, which takes the file inside JSON). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
