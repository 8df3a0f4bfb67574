//! Rebuilds the crate when any file under `lang/` changes, so the embedded data stays current.

fn main() {
    println!("cargo:rerun-if-changed=../../lang");
}
