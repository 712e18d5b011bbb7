/**
 * Downloads of a chart: the SVG as drawn (serialized), or a PNG drawn from that SVG on a canvas.
 * The image is loaded from a data: URL (the CSP allows data: images), the file is offered through
 * an object URL on a temporary link.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The chart's markup as a standalone SVG document (namespace and XML declaration included). */
export function serializeSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', SVG_NS);
  copy.removeAttribute('class');
  const body = new XMLSerializer().serializeToString(copy);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

/** Offers `blob` as a file download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Let the navigation start before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadSvg(svg: SVGSVGElement, baseName: string): void {
  downloadBlob(new Blob([serializeSvg(svg)], { type: 'image/svg+xml;charset=utf-8' }), `${baseName}.svg`);
}

function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox?.baseVal;
  if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  return { width: Number(svg.getAttribute('width')) || 760, height: Number(svg.getAttribute('height')) || 400 };
}

/** Draws the serialized SVG onto a canvas (`scale` × its size, white background) and encodes a PNG. */
export function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const markup = serializeSvg(svg);
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) {
        reject(new Error('This browser cannot draw the chart as an image'));
        return;
      }
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be encoded as PNG'))), 'image/png');
    };
    image.onerror = () => reject(new Error('The chart could not be drawn as an image'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  });
}

export async function downloadPng(svg: SVGSVGElement, baseName: string): Promise<void> {
  downloadBlob(await svgToPng(svg), `${baseName}.png`);
}
