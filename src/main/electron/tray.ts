import { Menu, nativeImage, Tray } from 'electron';

export interface TrayActions {
  open(): void;
  quit(): void;
}

/** A 16×16 two-tone icon drawn in code, so the tray works without image files. */
function trayIcon() {
  const size = 16;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const left = x < size / 2;
      pixels[i] = left ? 0x1f : 0x2e; // B
      pixels[i + 1] = left ? 0x6f : 0xa0; // G
      pixels[i + 2] = left ? 0xd1 : 0x44; // R
      pixels[i + 3] = 0xff;
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}

/** The system tray entry: the app lives here when its window is closed. */
export function createTray(actions: TrayActions, labels: { open: string; quit: string; tooltip: string }): Tray {
  const tray = new Tray(trayIcon());
  tray.setToolTip(labels.tooltip);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: labels.open, click: actions.open },
      { type: 'separator' },
      { label: labels.quit, click: actions.quit },
    ]),
  );
  tray.on('click', actions.open);
  return tray;
}
