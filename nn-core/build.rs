//! `nn_arm_dsp` on Arm cores with the DSP extension (Armv7E-M: Cortex-M4, M7; Armv8-M Mainline
//! with it: Cortex-M33), whose int8 kernels multiply two pairs at once (`SMLAD`). Stable Rust has
//! no `target_feature` for it, so the target's name decides.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(nn_arm_dsp)");
    println!("cargo::rerun-if-env-changed=TARGET");
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.starts_with("thumbv7em") || target.starts_with("thumbv8m.main") {
        println!("cargo::rustc-cfg=nn_arm_dsp");
    }
}
