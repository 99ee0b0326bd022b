import { Group, Mesh } from "three";
import { describe, expect, it } from "vitest";
import {
  createObjectClicks,
  proximityStep,
  SCENE_ID_KEY,
  sceneIdOf,
  soundPosition,
  soundsOnClick,
  soundsOnEnable,
} from "./soundTriggers.ts";

describe("proximity sounds", () => {
  const loop = { radius: 2, loop: true };
  const once = { radius: 2, loop: false };

  it("start when the visitor comes within the radius, and only then", () => {
    expect(proximityStep(false, 2.5, loop)).toEqual({ inside: false, cue: undefined });
    expect(proximityStep(false, 2, loop)).toEqual({ inside: true, cue: "start" });
    expect(proximityStep(true, 1, loop)).toEqual({ inside: true, cue: undefined });
  });

  it("stop a looping sound only once the visitor is clearly out, and let a one-shot finish", () => {
    // Just past the edge: still inside, no stutter.
    expect(proximityStep(true, 2.15, loop)).toEqual({ inside: true, cue: undefined });
    expect(proximityStep(true, 2.3, loop)).toEqual({ inside: false, cue: "stop" });
    expect(proximityStep(true, 2.3, once)).toEqual({ inside: false, cue: undefined });
    // Coming back starts it again.
    expect(proximityStep(false, 1.9, once)).toEqual({ inside: true, cue: "start" });
  });
});

describe("which sounds start", () => {
  const sounds = [
    { trigger: "ambient" as const },
    { trigger: "enter" as const },
    { trigger: "click" as const, object: "lamp" },
    { trigger: "proximity" as const },
    { trigger: "click" as const, object: "door" },
    { trigger: "click" as const, object: "lamp" },
  ];

  it("on sound on: ambient always, enter only the first time in a visit", () => {
    expect(soundsOnEnable(sounds, false)).toEqual([0, 1]);
    expect(soundsOnEnable(sounds, true)).toEqual([0]);
  });

  it("on a click: every click sound of that object, none of another", () => {
    expect(soundsOnClick(sounds, "lamp")).toEqual([2, 5]);
    expect(soundsOnClick(sounds, "door")).toEqual([4]);
    expect(soundsOnClick(sounds, "sofa")).toEqual([]);
  });
});

describe("clicked objects", () => {
  it("are named by the nearest ancestor that carries a manifest id", () => {
    const model = new Group();
    model.userData[SCENE_ID_KEY] = "lamp";
    const part = new Group();
    const mesh = new Mesh();
    model.add(part);
    part.add(mesh);
    expect(sceneIdOf(mesh)).toBe("lamp");
    expect(sceneIdOf(new Mesh())).toBeUndefined();
    expect(sceneIdOf(null)).toBeUndefined();
  });

  it("reach every listener until it leaves", () => {
    const clicks = createObjectClicks();
    const heard: string[] = [];
    const leave = clicks.listen((id) => heard.push(`a:${id}`));
    clicks.listen((id) => heard.push(`b:${id}`));
    clicks.emit("lamp");
    leave();
    clicks.emit("door");
    expect(heard).toEqual(["a:lamp", "b:lamp", "b:door"]);
  });
});

describe("where a sound is heard from", () => {
  const objects = [{ id: "lamp", position: [1, 0, 2] as const }, { position: [3, 0, 3] as const }];

  it("its own position first, then its object's, else nowhere", () => {
    expect(soundPosition({ position: [0, 1, 0] as const, object: "lamp" }, objects)).toEqual([0, 1, 0]);
    expect(soundPosition({ object: "lamp" }, objects)).toEqual([1, 0, 2]);
    expect(soundPosition({ object: "gone" }, objects)).toBeUndefined();
    expect(soundPosition({}, objects)).toBeUndefined();
  });
});
