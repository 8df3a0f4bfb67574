//! Rebuild when anything under `lang/` changes: `include_dir!` cannot tell cargo itself.
fn main() {
    println!("cargo:rerun-if-changed=../../lang");
}
