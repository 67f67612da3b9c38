// Stands in for @excalidraw/mermaid-to-excalidraw (mermaid, KaTeX, cytoscape: about 2 MB of the
// .vsix) in the webview bundle. Excalidraw loads it only for "Mermaid to Excalidraw" and for
// pasting Mermaid text; both then report this message instead of drawing.
export async function parseMermaidToExcalidraw(): Promise<never> {
  throw new Error('Mermaid diagrams are not included in MLPrep’s whiteboard: draw the boxes instead.');
}
