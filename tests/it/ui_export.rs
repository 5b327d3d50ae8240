//! The Export view writes a summary without a dialog (to the data folder), in the background,
//! and says where it went; a second export refuses to overwrite unless asked.

use crate::common;

use delegate_desk::export::Format;
use delegate_desk::ui::views::export::ExportView;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

/// Call right after clicking an export button, without `run()` in between: the export's
/// progress repaints the window while it works, so `run()` would not settle.
fn wait_for_export(h: &mut egui_kittest::Harness<'static, delegate_desk::ui::DeskApp>) {
    // The first step takes the click and starts the export on its thread.
    h.step();
    assert!(h.state().export.is_busy(), "the click started no export");
    // Step frames until it reports (bounded, not timed).
    for _ in 0..2000 {
        h.step();
        if !h.state().export.is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!h.state().export.is_busy(), "the export never finished");
    // Let the window settle on the outcome (the status bar's message, the result line).
    for _ in 0..20 {
        if h.try_run().is_ok() {
            break;
        }
    }
}

#[test]
fn exports_markdown_to_the_data_folder_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "Markdown")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "导出到数据文件夹")
        .click();
    wait_for_export(&mut h);
    let path = ExportView::quick_path(dir.path(), "jiujiang-2017-09-21", Format::Md);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("九江镇第三届人民代表大会第三次会议"));
    assert!(matches!(&h.state().export.last, Some(Ok(p)) if *p == path));
    // shown in the view and in the status bar
    assert!(h.query_all_by_label_contains("已导出：").count() >= 1);
    // What was written can be opened from here (not clicked: it would start the desktop's
    // opener).
    h.get_by_role_and_label(Role::Button, "打开文件");
    h.get_by_role_and_label(Role::Button, "打开所在文件夹");

    // Again: the file exists, so nothing is written and the reason is shown.
    std::fs::write(&path, "keep me").unwrap();
    h.get_by_role_and_label(Role::Button, "导出到数据文件夹")
        .click();
    wait_for_export(&mut h);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    assert!(matches!(&h.state().export.last, Some(Err(_))));

    // With "replace existing files" ticked it is replaced.
    h.get_by_role_and_label(Role::CheckBox, "覆盖已有文件")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "导出到数据文件夹")
        .click();
    wait_for_export(&mut h);
    assert!(std::fs::read_to_string(&path).unwrap().contains("九江镇"));
}

#[test]
fn exports_formal_minutes_with_the_fields_typed_and_remembers_them() {
    use delegate_desk::export::formal::{Document, FormalFields};
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness(common::app_with_bundled(dir.path()));
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "会议纪要")
        .click();
    h.run();
    // A formal document offers only DOCX and PDF.
    assert!(
        h.query_by_role_and_label(Role::RadioButton, "Markdown")
            .is_none()
    );
    h.get_by_role_and_label(Role::RadioButton, "PDF").click();
    h.run();
    let chair = h.get_by_role_and_label(Role::TextInput, "主持人");
    chair.focus();
    chair.type_text("潘洁英");
    h.run();
    h.get_by_role_and_label(Role::Button, "导出到数据文件夹")
        .click();
    wait_for_export(&mut h);
    let path = ExportView::formal_quick_path(
        dir.path(),
        "jiujiang-2017-09-21",
        Document::Minutes,
        Format::Pdf,
    );
    assert!(
        matches!(&h.state().export.last, Some(Ok(p)) if *p == path),
        "{:?}",
        h.state().export.last
    );
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF"));
    let session = crate::export_common::session(delegate_desk::i18n::Lang::Zh);
    let journal = delegate_desk::journal::default_path_in(dir.path(), &session);
    let remembered = FormalFields::read(&FormalFields::beside(&journal)).unwrap();
    assert_eq!(remembered.chair, "潘洁英");
}
