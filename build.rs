// rust-i18n reads `locales/*.yml` inside a macro, which cargo does not track: rebuild when
// a translation changes, or the binary keeps the old strings.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
