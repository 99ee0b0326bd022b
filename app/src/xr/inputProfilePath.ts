/** Where the app serves WebXR input profiles (`inputProfileAssets.ts`) and asks @react-three/xr to load them from. */
export const INPUT_PROFILES_PATH = "/xr/profiles/";
