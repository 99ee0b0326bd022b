/**
 * A page for `RoomView.browser.test.ts`: the app's `RoomView` with the manifest and gateway the
 * test passes in the URL's hash (JSON), reporting to `window.roomView` when it is ready and how
 * many assets loaded or failed.
 */
import { createRoot } from "react-dom/client";
// The app's stylesheet, so labels and markers take the size and place they have in the app.
import "../../../app/globals.css";
import type { SceneManifest } from "@markspace/ipfs/manifest";
import RoomView from "../../RoomView.tsx";
import type { SlotSummary } from "../../slotSummary.ts";

type Setup = { manifest: SceneManifest; gatewayUrl: string };
type Status = { ready: number; summary?: SlotSummary; navigatedTo?: string };

const setup = JSON.parse(decodeURIComponent(location.hash.slice(1))) as Setup;
const status: Status = { ready: 0 };
(window as unknown as { roomView: Status }).roomView = status;

createRoot(document.getElementById("view")!).render(
  <RoomView
    manifest={setup.manifest}
    gatewayUrl={setup.gatewayUrl}
    onReady={() => (status.ready += 1)}
    onAssetsChange={(summary) => (status.summary = summary)}
    onNavigate={(href) => (status.navigatedTo = href)}
  />,
);
