//! Rebuild when a language file changes: `include_dir!` embeds `lang/` but does not tell cargo
//! to watch it.

fn main() {
    println!("cargo:rerun-if-changed=../../lang");
}
