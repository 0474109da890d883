//! Static material the generator draws from: names, scopes, categories, events.
//! Texts come in zh_cn / en_us / ja_jp, in that order.

/// A text in the three languages the platform documents.
pub(super) type Tri = [&'static str; 3];

/// App names and their subtitles.
pub(super) const APP_NAMES: &[(Tri, Tri)] = &[
    (
        ["考勤助手", "Attendance Helper", "勤怠アシスタント"],
        ["打卡与请假", "Clock-ins and leave", "打刻と休暇"],
    ),
    (
        ["报销审批", "Expense Approval", "経費承認"],
        [
            "提交并审批报销单",
            "Submit and approve expenses",
            "経費精算の申請と承認",
        ],
    ),
    (
        ["周报机器人", "Weekly Report Bot", "週報ボット"],
        [
            "每周五提醒写周报",
            "Friday report reminders",
            "金曜日に週報をリマインド",
        ],
    ),
    (
        ["会议室预定", "Room Booking", "会議室予約"],
        [
            "预定与签到会议室",
            "Book and check in to rooms",
            "会議室の予約とチェックイン",
        ],
    ),
    (
        ["客户管理", "Customer Hub", "顧客管理"],
        [
            "管理客户与商机",
            "Accounts and opportunities",
            "顧客と商談の管理",
        ],
    ),
    (
        ["值班表", "On-call Rota", "当番表"],
        ["排班与交接", "Shifts and hand-overs", "シフトと引き継ぎ"],
    ),
    (
        ["知识问答", "Knowledge Q&A", "ナレッジQ&A"],
        [
            "从文档中找答案",
            "Answers from the docs",
            "ドキュメントから回答",
        ],
    ),
    (
        ["招聘看板", "Hiring Board", "採用ボード"],
        ["跟踪候选人进度", "Track candidates", "候補者の進捗管理"],
    ),
    (
        ["资产盘点", "Asset Inventory", "資産棚卸"],
        [
            "登记与盘点设备",
            "Register and audit devices",
            "機器の登録と棚卸",
        ],
    ),
    (
        ["发布通知", "Release Notifier", "リリース通知"],
        [
            "上线消息推送到群",
            "Release news to groups",
            "リリース情報をグループへ",
        ],
    ),
    (
        ["培训课堂", "Training Room", "研修ルーム"],
        ["课程与考试", "Courses and exams", "講座と試験"],
    ),
    (
        ["采购申请", "Purchase Requests", "購買申請"],
        [
            "采购流程与比价",
            "Buying and quotes",
            "購買フローと見積比較",
        ],
    ),
    (
        ["访客登记", "Visitor Log", "来訪者受付"],
        ["访客预约与门禁", "Visits and door access", "来訪予約と入館"],
    ),
    (
        ["数据看板", "Metrics Board", "データボード"],
        [
            "业务指标一览",
            "Business metrics at a glance",
            "業務指標の一覧",
        ],
    ),
    (
        ["合同归档", "Contract Archive", "契約アーカイブ"],
        [
            "合同签署与归档",
            "Sign and file contracts",
            "契約の締結と保管",
        ],
    ),
    (
        ["工单中心", "Ticket Desk", "チケットデスク"],
        ["IT 工单流转", "IT tickets", "IT チケット管理"],
    ),
    (
        ["OKR 对齐", "OKR Align", "OKR アライン"],
        [
            "目标与关键结果",
            "Objectives and key results",
            "目標と主要な成果",
        ],
    ),
    (
        ["翻译助手", "Translator", "翻訳アシスタント"],
        ["消息一键翻译", "Translate messages", "メッセージを翻訳"],
    ),
];

/// App categories.
pub(super) const CATEGORIES: &[Tri] = &[
    ["分析工具", "Analytics", "分析ツール"],
    ["办公效率", "Productivity", "業務効率化"],
    ["人事管理", "HR", "人事管理"],
    ["财务管理", "Finance", "財務管理"],
    ["客户管理", "CRM", "顧客管理"],
    ["开发工具", "Developer tools", "開発ツール"],
    ["沟通协作", "Collaboration", "コラボレーション"],
];

/// Scopes an app can ask for: the scope, its description, its level (1..=3, 0 unknown) and
/// the identities it works with (`t` tenant, `u` user).
pub(super) const SCOPES: &[(&str, Tri, i64, &str)] = &[
    (
        "contact:user.base:readonly",
        [
            "获取用户基本信息",
            "Read users' basic info",
            "ユーザーの基本情報を取得",
        ],
        1,
        "tu",
    ),
    (
        "im:message",
        [
            "获取与发送单聊、群组消息",
            "Read and send messages",
            "メッセージの取得と送信",
        ],
        1,
        "tu",
    ),
    (
        "im:chat:readonly",
        ["获取群组信息", "Read group info", "グループ情報を取得"],
        1,
        "t",
    ),
    (
        "calendar:calendar",
        [
            "更新日历及日程信息",
            "Update calendars and events",
            "カレンダーと予定を更新",
        ],
        1,
        "tu",
    ),
    (
        "docx:document",
        [
            "查看、评论、编辑和管理文档",
            "Manage documents",
            "ドキュメントを管理",
        ],
        1,
        "u",
    ),
    (
        "drive:drive:readonly",
        [
            "查看云空间中所有文件",
            "Read all files in Drive",
            "ドライブの全ファイルを閲覧",
        ],
        2,
        "tu",
    ),
    (
        "contact:user.email:readonly",
        [
            "获取用户邮箱信息",
            "Read users' emails",
            "ユーザーのメールを取得",
        ],
        2,
        "tu",
    ),
    (
        "contact:user.phone:readonly",
        [
            "获取用户手机号",
            "Read users' phone numbers",
            "ユーザーの電話番号を取得",
        ],
        2,
        "t",
    ),
    (
        "approval:approval",
        [
            "查看、创建、更新、删除审批应用相关信息",
            "Manage approvals",
            "承認を管理",
        ],
        2,
        "t",
    ),
    (
        "contact:user.employee_id:readonly",
        [
            "获取用户 user ID",
            "Read users' user IDs",
            "ユーザー ID を取得",
        ],
        2,
        "tu",
    ),
    (
        "admin:app.info:readonly",
        ["获取应用信息", "Read app info", "アプリ情報を取得"],
        2,
        "t",
    ),
    (
        "im:message.group_msg",
        [
            "获取群组中所有消息",
            "Read all group messages",
            "グループの全メッセージを取得",
        ],
        3,
        "t",
    ),
    (
        "contact:contact",
        ["更新通讯录", "Update the directory", "連絡先を更新"],
        3,
        "t",
    ),
    (
        "mail:user_mailbox",
        [
            "读取、发送用户邮件",
            "Read and send user mail",
            "ユーザーのメールを読み書き",
        ],
        3,
        "u",
    ),
    (
        "attendance:rule",
        [
            "导出打卡数据",
            "Export attendance data",
            "勤怠データをエクスポート",
        ],
        3,
        "t",
    ),
    (
        "vc:record:readonly",
        [
            "获取会议录制信息",
            "Read meeting recordings",
            "会議の録画情報を取得",
        ],
        0,
        "u",
    ),
];

/// Events a version can subscribe to: type, name, description.
pub(super) const EVENTS: &[(&str, &str, &str)] = &[
    (
        "im.message.receive_v1",
        "接收消息",
        "机器人接收到用户发送的消息后触发此事件",
    ),
    (
        "im.chat.updated_v1",
        "群配置修改事件",
        "群聊名称、头像、描述以及群编辑权限、群分享权限等被修改时推送事件",
    ),
    (
        "contact.user.created_v3",
        "员工入职",
        "通讯录中新增员工时推送事件",
    ),
    ("contact.user.deleted_v3", "员工离职", "员工离职时推送事件"),
    (
        "calendar.calendar.event.changed_v4",
        "日程变更",
        "日程被创建、更新或删除时推送事件",
    ),
    (
        "approval.approval.updated_v4",
        "审批定义更新",
        "审批定义被修改时推送事件",
    ),
];

/// Given names for the tenant's members.
pub(super) const PEOPLE: &[&str] = &[
    "王芳",
    "李娜",
    "张伟",
    "刘洋",
    "陈静",
    "杨磊",
    "赵敏",
    "黄勇",
    "周杰",
    "吴霞",
    "Alice Chen",
    "Bob Li",
    "Carol Wang",
    "Dan Zhou",
    "Eve Zhang",
    "佐藤 花子",
    "鈴木 一郎",
    "高桥 美咲",
    "孙丽",
    "马超",
];
