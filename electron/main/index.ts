// Placeholder: the hardened Electron shell lands with the desktop-app work.
import { app } from 'electron';

app.whenReady().then(() => undefined);
