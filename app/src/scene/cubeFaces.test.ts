import { describe, expect, it } from "vitest";
import { CUBE_FACE_FRAMES, cubeFaceQuad, directionTo } from "./cubeFaces.ts";

describe("cube face quads", () => {
  it("put each face's centre in its forward direction and its top row towards its up", () => {
    for (const [face, { forward, up }] of CUBE_FACE_FRAMES.entries()) {
      const { positions } = cubeFaceQuad(face, 2);
      const corners = [0, 1, 2, 3].map((i) => [...positions.subarray(i * 3, i * 3 + 3)]);
      const centre = [0, 1, 2].map((axis) => corners.reduce((sum, corner) => sum + corner[axis]!, 0) / 4);
      expect(centre).toEqual(forward.map((v) => v * 2));
      // Top-left and top-right (the image's first row) lie on the +up side of the centre.
      for (const corner of corners.slice(0, 2)) {
        const along = [0, 1, 2].reduce((sum, axis) => sum + (corner[axis]! - centre[axis]!) * up[axis]!, 0);
        expect(along).toBe(2);
      }
    }
  });

  it("looking along +z with +y up, the face's right is −x (right = forward × up, right-handed)", () => {
    const { positions } = cubeFaceQuad(4, 1);
    expect([...positions.subarray(0, 3)]).toEqual([1, 1, 1]); // top-left: −right = +x
    expect([...positions.subarray(3, 6)]).toEqual([-1, 1, 1]); // top-right
  });

  it("refuses a face that is not 0–5, and gives hotspot directions", () => {
    expect(() => cubeFaceQuad(6, 1)).toThrow(/Cube face 6/);
    expect(directionTo([0, 1.6, 0], [3, 1.6, 4])).toEqual([0.6, 0, 0.8]);
    expect(directionTo([1, 1, 1], [1, 1, 1])).toBeUndefined();
  });
});
