import { Menu, type MenuItemConstructorOptions, nativeImage, Tray } from 'electron';
import type { HealthLevel } from '../../shared/health';
import type { TrayModel, TrayPage } from '../../shared/tray-model';

export interface TrayActions {
  open(page?: TrayPage): void;
  syncNow(): void;
  pause(): void;
  resume(): void;
  quit(): void;
}

const COLOURS: Record<HealthLevel, [number, number, number]> = {
  ok: [0x2e, 0xa0, 0x44],
  attention: [0xe0, 0xa0, 0x10],
  failing: [0xd1, 0x24, 0x2f],
};

/** A 16×16 round icon in the level's colour, drawn in code so the tray works without image files. */
export function trayIcon(level: HealthLevel) {
  const size = 16;
  const [r, g, b] = COLOURS[level];
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const inside = (x - 7.5) ** 2 + (y - 7.5) ** 2 <= 7.5 ** 2;
      pixels[i] = b;
      pixels[i + 1] = g;
      pixels[i + 2] = r;
      pixels[i + 3] = inside ? 0xff : 0;
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}

/** The menu template of a tray model (the model decides; this only maps it to Electron). */
export function menuTemplate(model: TrayModel, actions: TrayActions): MenuItemConstructorOptions[] {
  return model.menu.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'open':
        return { label: item.label, click: () => actions.open() };
      case 'page':
        return { label: item.label, click: () => actions.open(item.page) };
      case 'syncNow':
        return { label: item.label, click: actions.syncNow };
      case 'pause':
        return { label: item.label, click: actions.pause };
      case 'resume':
        return { label: item.label, click: actions.resume };
      default:
        return { label: item.label, click: actions.quit };
    }
  });
}

/** The system tray entry: the app lives here when its window is closed; it shows the app's health. */
export function createTray(actions: TrayActions, initial: TrayModel): { update(model: TrayModel): void } {
  const tray = new Tray(trayIcon(initial.icon));
  let icon = initial.icon;
  const update = (model: TrayModel) => {
    if (model.icon !== icon) {
      tray.setImage(trayIcon(model.icon));
      icon = model.icon;
    }
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model, actions)));
  };
  update(initial);
  tray.on('click', () => actions.open());
  return { update };
}
