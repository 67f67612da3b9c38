// Stands in for Excalidraw's font-subsetting chunks (harfbuzz and woff2 compiled to WebAssembly,
// 1.8 MB). Their Emscripten glue evaluates strings as code, which the panel's CSP never allows
// ('unsafe-eval'), so in this webview they could only fail; Excalidraw then embeds each used font
// file whole in an exported SVG. This does that directly, with the same exports.
export const Commands = { Subset: 'SUBSET' } as const;

export async function toBase64(buffer: ArrayBuffer): Promise<string> {
  const bytes = new Uint8Array(buffer);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:font/woff2;base64,${btoa(bin)}`;
}

export const subsetToBase64 = (buffer: ArrayBuffer): Promise<string> => toBase64(buffer);
export const subsetToBinary = async (buffer: ArrayBuffer): Promise<ArrayBuffer> => buffer;

/** No worker: Excalidraw runs the (trivial) work above on the main thread. */
export const WorkerUrl: URL | undefined = undefined;
