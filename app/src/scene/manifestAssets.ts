/**
 * Every CID a scene manifest makes a visitor download (models, pictures, surface textures,
 * posters, video, audio, the panorama), each once: what a scene retains while it is shown and
 * releases when the visitor leaves.
 */
import type { SceneManifest } from "@markspace/ipfs/manifest";

export function manifestAssetCids(manifest: SceneManifest): string[] {
  const cids = new Set<string>();
  const add = (cid: string | undefined) => {
    if (cid) cids.add(cid);
  };
  for (const surface of [manifest.floor, manifest.walls, manifest.ceiling]) add(surface?.texture);
  for (const room of manifest.rooms) {
    for (const surface of [room.floor, room.walls, room.ceiling]) add(surface?.texture);
  }
  for (const object of manifest.objects) add(object.model);
  for (const image of manifest.images) add(image.image);
  for (const video of manifest.videos) {
    add(video.poster);
    if (video.source.type === "ipfs") add(video.source.video);
  }
  for (const speaker of manifest.speakers) for (const track of speaker.playlist) add(track.audio);
  for (const sound of manifest.sounds) add(sound.audio);
  add(manifest.panorama?.image);
  return [...cids];
}
