import { describe, expect, it } from "vitest";
import { BackSide, Mesh, MeshBasicMaterial, Raycaster, SphereGeometry, Vector3 } from "three";
import { anglesOf, directionOf } from "./panoramaAngles.ts";

describe("panorama angles", () => {
  it("reads the image centre as yaw 0 on the horizon, the right edge as +π, the top as +π/2", () => {
    expect(anglesOf({ u: 0.5, v: 0.5 })).toEqual({ yaw: 0, pitch: 0 });
    expect(anglesOf({ u: 1, v: 0.5 }).yaw).toBeCloseTo(Math.PI);
    expect(anglesOf({ u: 0.5, v: 1 }).pitch).toBeCloseTo(Math.PI / 2);
  });

  it("gives the direction where the mirrored sphere shows that pixel (a ray there hits the same texture point)", () => {
    const sphere = new Mesh(new SphereGeometry(20, 64, 32), new MeshBasicMaterial({ side: BackSide }));
    sphere.scale.set(-1, 1, 1);
    sphere.updateMatrixWorld();
    const raycaster = new Raycaster();
    for (const angles of [
      { yaw: 0, pitch: 0 },
      { yaw: 1, pitch: 0.3 },
      { yaw: -2.5, pitch: -0.6 },
    ]) {
      raycaster.set(new Vector3(0, 0, 0), new Vector3(...directionOf(angles)));
      const [hit] = raycaster.intersectObject(sphere);
      const back = anglesOf({ u: hit!.uv!.x, v: hit!.uv!.y });
      expect(back.yaw).toBeCloseTo(angles.yaw, 1);
      expect(back.pitch).toBeCloseTo(angles.pitch, 1);
    }
  });

  it("puts positive yaw to the right of the centre column", () => {
    const [x0, , z0] = directionOf({ yaw: 0, pitch: 0 });
    const [x1, , z1] = directionOf({ yaw: 0.3, pitch: 0 });
    // Looking along (x0, z0) with y up, the right-hand side is (−z0, x0).
    expect((x1 - x0) * -z0 + (z1 - z0) * x0).toBeGreaterThan(0);
  });
});
