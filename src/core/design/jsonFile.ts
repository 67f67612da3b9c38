// The first step of reading a hand-editable JSON file (session.json, whiteboard.excalidraw):
// parse it and insist on an object, with the error worded for the user.

export const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function parseJsonObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
  return isObj(raw) ? { ok: true, value: raw } : { ok: false, error: 'not a JSON object' };
}
