// Intent cues as regular expressions over the folded, slang-expanded text produced by
// normalizeQuery (lower case, no diacritics, đ→d, "ky"→"ki", "ko/k"→"khong", "dc"→"duoc",
// single spaces, no punctuation). Each alternative is written so that the raw chat form
// ("cb", "nv", "ngáp", "hư") and the expanded form both match where it matters.

type Rule = { re: RegExp; score: number; tag: string };

const r = (src: string, score: number, tag: string): Rule => ({ re: new RegExp(`\\b(?:${src})\\b`), score, tag });

const NEG = '(?:khong|chua|hong|hem)';
const OFFICER = '(?:can bo|cb|nhan vien|nv|cong chuc|vien chuc|cong an|canh sat|csgt|bo phan mot cua|mot cua|nguoi tiep nhan|nguoi tiep dan|chu tich|lanh dao|ong ay|ba ay|anh ta|chi ta|ho)';

/** Explicit complaint words: the citizen names what they are doing. */
export const COMPLAINT_EXPLICIT: Rule[] = [
  r('phan anh', 0.95, 'phan-anh'),
  r('to giac', 0.95, 'to-giac'),
  r('buc xuc|buc minh|qua dang|vo li|vo ly|coi thuong', 0.85, 'upset'),
];

/** Complaint words that also name procedures ("thủ tục giải quyết khiếu nại"). */
export const COMPLAINT_PROCEDURAL: Rule[] = [r('khieu nai|to cao', 0.8, 'khieu-nai')];

/** Problems: service failures, misconduct, delays, infrastructure and environment. */
export const COMPLAINT_PROBLEMS: Rule[] = [
  // officers' attitude and misconduct
  r('gay kho(?: de| khan)?|lam kho|hach dich|nhung nhieu|sach nhieu|coc can|tho lo|xuc pham|quat thao|cau gat|lam ngo|bo mac|day qua day lai|de dai', 0.85, 'attitude'),
  r(`thai do(?: \\w+){0,3} (?:${NEG} (?:tot|lich su|hoa nha|nhiet tinh|ton trong)|kem|te|xau|coc|hach|lo la|vo van|thieu ton trong|khinh)`, 0.85, 'attitude'),
  r(`${OFFICER}(?: \\w+){0,4} (?:quat|chui|la mang|mang chui|noi nang kho nghe|lam kho|bat chet|to tieng)`, 0.8, 'attitude'),
  r('(?:noi chuyen|an noi|tra loi|noi)(?: \\w+){0,2} (?:coc|hon|tho|kho nghe|xac)|quat (?:nat|thao|ong|ba|nguoi|dan|khach)|khong chap nhan duoc', 0.85, 'attitude'),
  // bribes
  r('hoi lo|an hoi|phong bi|tien boi duong|boi duong (?:them|cho (?:can bo|cb|ho|anh|chi))|chi phi boi duong|lot tay|tien ngoai|tien (?:ca ?phe|cafe|tra nuoc|nuoc non)|chi phi ngoai|tieu cuc|sai pham|tham nhung', 0.9, 'bribe'),
  r(`(?:doi|bat (?:dua|dong|tra)|phai (?:dua|chi|bo)|yeu cau dua)(?: them)? (?:tien|\\d+ ?(?:k|nghin|ngan|tr|trieu|cu|xi))\\b`, 0.85, 'bribe'),
  r(`\\d+ ?(?:k|nghin|ngan|tr|trieu|cu|xi) (?:thi |moi |thi moi )(?:lam|duoc|giai quyet|cho|nhan|xong|ki|ky|nhanh)`, 0.85, 'bribe'),
  // delays beyond the appointment, being sent back and forth
  r('(?:qua|tre|lo|sai|tre nai) (?:hen|ngay hen|lich hen)|hen (?:\\d+|nhieu|may|ba bon) lan|hen (?:len|di|toi) hen (?:xuong|lai|lui)|(?:qua|tre) han (?:ma|van|roi ma|nhung|lau roi)(?: van)? (?:chua|khong)|hen (?:di hen lai|lan hen lua|hoai|mai|lai hoai|nhieu lan|lan lua)|ngam ho so|lam (?:that lac|mat) ho so', 0.85, 'delay'),
  r(`(?:giay hen|hen|ngay hen|lich hen)(?: \\w+){0,4} (?:den nay|nay|ma|gio|vay ma)(?: da| van)? (?:hon|gan|qua|toi)? ?\\d+ (?:thang|tuan|ngay)|lan nao (?:cung|den cung) (?:bao|noi|hen|bat) (?:cho|doi|de|ve)`, 0.85, 'delay'),
  r(`(?:di lai|di|len|bo sung|sua) (?:nhieu|\\d+|ba bon|may chuc) (?:lan|buoi|chuyen) (?:roi|ma|van|nhung)|(?:di lai|bo sung) nhieu lan|bat bo sung (?:hoai|mai|nhieu lan)`, 0.75, 'delay'),
  r(`bat (?:di |phai )?(?:photo|cong chung|chung thuc|bo sung|lam lai|sua|nop lai|ve lay)(?: \\w+){0,4} (?:nhieu|\\d+|may|ba bon) lan`, 0.8, 'delay'),
  r('(?:giai quyet|xu li|tra ket qua|tra ho so|cap)(?: \\w+){0,4} (?:cham tre|cham qua|qua cham|tre hen|tre nai|lau qua|qua lau)', 0.8, 'delay'),
  r(`(?:${OFFICER}|buu dien|buu ta|nguoi giao)(?: \\w+){0,6} lam (?:that lac|mat|hu|rach)|lam (?:that lac|mat) (?:\\w+ ){0,2}(?:giay to|ho so|ket qua|ban goc) cua (?:toi|em|minh|gia dinh|dan)|giao(?: \\w+){0,3} (?:sai|nham) (?:dia chi|nguoi|noi)`, 0.8, 'service-failure'),
  r(`(?:van|ma|sao|gio|nay|roi|nay van|ma van) ${NEG} (?:thay )?(?:co|nhan|tra|giai quyet|xu li|cap|xong|ai)(?: \\w+)?`, 0.6, 'delay'),
  r(`(?:cho|doi) (?:hoai|mai|qua lau|lau qua|ca (?:thang|nam|tuan|buoi|ngay|sang|chieu)|nua ngay|\\d+ (?:thang|tuan|nam|tieng))`, 0.7, 'delay'),
  r(`\\d+ (?:ngay|tuan|thang|nam)(?: roi| nay| nay roi)?(?: ma| van| ma van| ma van con)? (?:chua|khong) (?:xong|co (?:ket qua|giay|so|phan hoi|tra loi|ai|thong bao)|nhan|tra|giai quyet|xu li|cap|duoc|thay)`, 0.85, 'delay'),
  r(`${OFFICER}(?: \\w+){0,3} (?:khong|chua|chang) (?:chiu |them )?(?:huong dan|giai thich|tiep|tra loi|nhiet tinh|tan tinh|lam viec|nghe)`, 0.8, 'attitude'),
  r(`(?:cho|doi)(?: tu)? \\d+ ?(?:h|g|gio)\\w*(?: \\d+| ruoi| kem)?(?: sang| chieu)? (?:toi|den|cho toi|cho den) \\d+|(?:ban|quay|phong)(?: \\w+){0,3} ${NEG} (?:co )?(?:ai|nguoi)(?: ngoi| truc| tiep)?|(?:van )?${NEG} (?:thay|co) (?:ai|can bo|cb|nguoi)(?: \\w+){0,2} (?:ngoi|truc|tiep|lam viec|o quay)|(?:bao|noi|thi) (?:can bo|cb|ho|chi ay|anh ay)?(?: \\w+)? ?di hop`, 0.8, 'discipline'),
  r('(?:di lam|den|mo cua) (?:tre|muon)|dong cua (?:trong |vao |ngay trong )?gio (?:hanh chinh|lam viec)|dong cua (?:suot|hoai|ca ngay|ca tuan)|bo vi tri|vang mat (?:hoai|suot|khong ly do)|nghi (?:som|ngang)|phat oan|xu phat oan', 0.8, 'discipline'),
  r(`${NEG} (?:ai )?(?:nghe may|bat may|tra loi|giai quyet|xu li|xu ly|thu gom|don dep|quan tam)(?: \\w+){0,2} (?:ca|may|\\d+|nhieu|luon|het)`, 0.7, 'no-response'),
  // online service failures
  r(`(?:cong dich vu cong|dich vu cong|trang web|web|website|ung dung|app|vneid|he thong|phan mem)(?: \\w+){0,4} (?:bi loi|bao loi|loi (?:he thong|ket noi|dang nhap|hoai|mai|lien tuc)|bi sap|bi treo|treo hoai|${NEG} (?:vao|truy cap|dang nhap|load|tai) duoc)`, 0.65, 'service-failure'),
  r(`(?:nop|dang nhap|dang ki|dang ky|thanh toan|truy cap|ki so)(?: \\w+){0,3} (?:bi loi|bao loi|loi hoai|loi mai|loi lien tuc|bi treo)`, 0.75, 'service-failure'),
  r('(?:bi loi|bao loi|loi|bi treo|treo) (?:hoai|mai|lien tuc|suot|ca ngay|may ngay|may hom|tu hom qua)', 0.8, 'service-failure'),
  // infrastructure and environment
  r('ngap(?: nuoc| ung| lut| sau| nang| lenh lang)?|triet ?cuong', 0.8, 'flood'),
  r(`(?:do|vut|xa|nem) rac|xa thai (?:ra|xuong|tran lan|trai phep|thang)|rac(?: thai)? (?:bua bai|ton dong|tran lan|chat dong|boc mui|hoi|${NEG} (?:ai )?(?:thu|don|lay))|${NEG} (?:ai )?(?:thu gom|don|lay) rac|bai rac`, 0.8, 'garbage'),
  r(`den (?:duong|chieu sang|giao thong|tin hieu|cot)(?: \\w+){0,10} (?:hu|hong|tat|chap chon|${NEG} (?:sang|hoat dong|chay))|(?:hu|hong|tat) den duong`, 0.85, 'street-light'),
  r('o nhiem|boc mui|hoi thoi|mui hoi|hoi ghe|hoi nong nac|hoi (?:qua|lam|kinh khung)(?= \\|| *$)|khoi bui|bui bam|bui mu|khoi den|nong nac|dot (?:rac|rom ra|rom|nhua|vo xe|day dien)|khoi(?: \\w+){0,2} (?:bay|bay vao|tat vao|xong|um|mu mit|ngot ngat)', 0.85, 'pollution'),
  r('tieng on|on ao|gay on|on qua|hat karaoke|karaoke(?: \\w+){0,3} (?:on|khuya|dem|suot|toi ngay|(?:den|toi) \\d+ ?(?:h|g|gio)\\w*|nua dem)|hat hu|loa keo|mo nhac (?:lon|to)', 0.8, 'noise'),
  r('sat lo|sut lun|sup lun|lun nut|nut (?:nha|tuong|duong)|sap (?:cau|nha|tuong)', 0.85, 'landslide'),
  r(`(?:duong|hem|cau|via he|mat duong|le duong|kenh|muong|cong thoat nuoc|ong cong|nap cong|mieng cong)(?: \\w+){0,3} (?:bi |da )?(?:hu|hong|xuong cap|nut|sap|gay|lun|nat|be(?! tong)|lay loi|o ga|o voi|nghet|tac|vo)\\b|o ga|o voi|ho ga (?:mat|${NEG})`, 0.8, 'road'),
  r('cup dien|mat dien|mat nuoc|cup nuoc|nuoc(?: may| sinh hoat)?(?: \\w+){0,5} (?:bi )?(?:ban|duc|co mui|bi den|mau den|den ngom|den thui|yeu|khong chay)', 0.7, 'utilities'),
  r('lan chiem|chiem (?:dung )?(?:via he|long duong|le duong|dat cong|hanh lang)|xay (?:dung )?(?:trai phep|khong phep|sai phep|lan)', 0.8, 'encroachment'),
  r('cay(?: xanh)?(?: \\w+){0,3} (?:bi )?(?:nga|gay|do|sap do|muc|de len)', 0.75, 'tree'),
  r('(?:ong nuoc|duong ong|ong cap nuoc)(?: \\w+){0,2} (?:bi )?(?:be|vo|ro ri|xi)|ro ri nuoc|chay lenh lang', 0.75, 'utilities'),
  r('(?:nuoc thai|cong thai|ho ga|cong)(?: \\w+){0,3} (?:tran|tran len|tran ra|ngap|boc mui)', 0.8, 'flood'),
  r('(?:nuoc|dien)(?: \\w+){0,3} bi (?:cat|cup|ngung)|(?:cat|cup|ngung cap) (?:nuoc|dien)(?: \\w+){0,4} (?:khong|chang) (?:bao|thong bao) truoc', 0.7, 'utilities'),
  r('lan (?:ra|chiem|sang) (?:hem|duong|via he|le duong|dat|loi di)|xay(?: \\w+){0,2} lan (?:ra|sang|chiem)', 0.8, 'encroachment'),
  r('tha rong|cho dai|cho can nguoi|(?:chay|di) (?:vao|trong) gio cam|qua tai|dau xe (?:trai phep|chan|lan)|chan (?:het )?(?:duong|loi di|hem|loi ra vao)', 0.7, 'traffic'),
  r('trom cap|an trom|cuop giat|danh nhau|tu tap|nhau nhet|bao ke|tin dung den|cho vay nang lai|dua xe (?:trai phep|ban dem|lang lach)|lang lach|co bac|danh bac', 0.8, 'security'),
  r('chat luong(?: \\w+){0,2} (?:kem|te|toi)|lam an (?:cau tha|gian doi)', 0.7, 'quality'),
  r('day dien(?: \\w+){0,3} (?:chang chit|lo xo|dut|vuong|sa xuong|thong xuong|ro ri)|(?:rat|qua|cuc ki|cuc ky) nguy hiem|nguy hiem (?:qua|lam|cho (?:nguoi|hoc sinh|tre em|dan|nguoi di duong)|den tinh mang)', 0.8, 'hazard'),
  r('(?:thu|bat dong|bat nop|bat dua) (?:tien|phi|quy)(?: \\w+){0,4} (?:cao qua|qua cao|qua nhieu|vo li|vo ly|sai quy dinh|khong ro rang|tuy tien|khong co bien lai|khong bien lai)|lam thu(?! tuc)|thu (?:sai|trai) quy dinh|thu tien(?: \\w+){0,3} ma (?:\\w+ ){0,4}(?:chi|khong|chua|chang)', 0.8, 'overcharge'),
];

/** Explicit petition word. */
export const PETITION_EXPLICIT: Rule[] = [r('kien nghi|kinh kien nghi|gop y', 0.9, 'kien-nghi')];

/** A request marker followed (within a few words) by a change of policy, service or infrastructure. */
const MARKER = '(?:de nghi|kinh de nghi|de xuat|gop y|mong|mong muon|hi vong|yeu cau|uoc gi|gia ma|nen|sao (?:\\w+ ){0,2}khong)';
const PUBLIC_THING =
  '(?:duong|hem|cau|cong thoat nuoc|diem (?:thu gom|tap ket)|thung rac|xe (?:thu gom|rac)|den (?:duong|chieu sang|giao thong|tin hieu)|camera|bien bao|go giam toc|guong cau loi|tram y te|cong vien|san choi|nha van hoa|xe buyt|tuyen xe|cay xanh|quay|diem tiep nhan|bo phan mot cua|ong nuoc|duong ong|muong|kenh|via he|cho (?:gui|de|dau|do) xe|bai (?:gui|do|dau) xe|nha ve sinh|ghe (?:ngoi|cho)|may (?:lanh|lay so)|bang (?:ron|huong dan|chi dan|thong bao|tin)|bien (?:chi dan|huong dan)|lan (?:duong|xe)|duong (?:rieng|danh cho))';
const CHANGE = `(?:(?:co|co them|lap|lap dat|lap them|xay|xay dung|xay them|lam|lam them|mo|mo rong|mo them|sua|sua chua|them|trai nhua|be tong hoa|do be tong|nao vet|trong)(?: \\w+){0,2} ${PUBLIC_THING}|nang cap|cai tao|cai thien|tang (?:cuong|them|gio|muc)|giam (?:\\w+ )?phi|giam (?:muc|thoi gian|gio|bot)|keo dai (?:gio|thoi gian)|rut ngan|don gian hoa|bot (?:thu tuc|giay to)|mien (?:phi|le phi)|bo tri them|dieu chinh (?:lai )?(?:gio|quy dinh|chinh sach|muc)|thay doi (?:quy dinh|chinh sach|gio)|lam viec (?:ca |vao |them )?(?:sang |chieu |buoi )?(?:thu bay|chu nhat|ngoai gio|buoi toi|toi)|cho phep (?:nop|lam|thanh toan)|cho (?:phep )?(?:lam|nop|thanh toan)(?: \\w+){0,16} (?:online|truc tuyen|qua mang|tai nha)|dau tu|quan tam (?:den|hon))`;
export const PETITION_CHANGE: Rule[] = [
  r(`${MARKER}(?: \\w+){0,6} ${CHANGE}`, 0.75, 'change-request'),
  r(`(?:de nghi|yeu cau|mong|kinh mong) (?:chinh quyen|xa|phuong|tinh|ubnd|uy ban|co quan|lanh dao|cac cap|nha nuoc|so|nganh|ban nganh)(?! (?:\\w+ ){0,4}(?:xac nhan|cap|chung thuc|dang ki|dang ky|dieu chinh|tra soat|sua|hoan|huong dan|giai quyet cho|xem xet (?:ho so|cho)|cho (?:toi|em|minh)))`, 0.75, 'to-authority'),
  r('bat hop li|chua hop li|khong hop li|nen thay doi|can thay doi', 0.65, 'policy'),
];

/** "đề nghị cấp lại …", "xin cấp …", "mong được hướng dẫn": a procedure request, not a petition. */
export const PROCEDURE_REQUEST = new RegExp(
  `\\b${MARKER} (?:duoc |cho (?:toi|em|minh|chau|con) )?(?:cap|cap lai|cap doi|cap moi|cap phep|phep|giay phep|dang ki|dang ky|xac nhan|chung thuc|hoi|huong dan|tu van|giai dap|tra loi|biet|thong tin|lam (?:giay|so|can cuoc|ho chieu|the|bang|lai|thu tuc)|gia han|chuyen|tach|hop|doi|cho (?:toi|em|minh) (?:hoi|biet))\\b`,
);

/** Problem tags about places and the environment (not about how an office served the citizen). */
export const INFRA_TAGS = new Set(['flood', 'garbage', 'street-light', 'pollution', 'noise', 'landslide', 'road', 'utilities', 'tree', 'security', 'traffic', 'encroachment', 'hazard']);

/**
 * Strong cues of a procedure request: "nhà bị ngập, giấy tờ hư, làm lại thế nào" asks for a
 * procedure, and "đốt rơm rạ có bị phạt không" asks what the rules say.
 */
export const PROCEDURE_CUES =
  /\b(?:cap lai|lam lai|cap doi|cap moi|xin cap|dang ki|dang ky|giay to gi|can (?:nhung )?gi|thu tuc|le phi|mau don|to khai|ho tro|boi thuong|tro cap|giay phep|(?:giam|mien|hoan) (?:\\w+ )?(?:thue|phi|tien)|(?:co )?bi phat|muc phat|phat bao nhieu|co vi pham|vi pham (?:gi|khong)|duoc phep (?:khong|chua))\b/;

/** Asking how to apply: an implicit petition with these ("xin giảm học phí cần giấy tờ gì") is a question. */
export const PROCEDURE_ASK =
  /\b(?:giay to gi|can (?:nhung )?gi|can giay to|ho so (?:gom|can|nhu the nao)|thu tuc (?:gi|nhu the nao|the nao|ra sao)|mau don|nop o dau|lam (?:the nao|sao|nhu the nao|o dau)|o dau|cach nao)\b/;

/** "… có bình thường không": the citizen asks whether a wait is normal, not a complaint yet. */
export const ASKS_IF_NORMAL = /\b(?:binh thuong|co sao khong|co dung khong|dung han|co lau khong|la lau chua)\b/;

/** Cues that the message asks how a procedure works. */
export const QUESTION_CUES = new RegExp(
  '\\b(?:thu tuc|ho so|giay to|can (?:nhung )?gi|can (?:giay|mang|co)|o dau|bao nhieu|bao lau|bao gio|nhu the nao|the nao|lam sao|ra sao|duoc khong|co duoc|phai khong|mau (?:don|to khai)|mau nao|theo mau|viet don|le phi|nop|trinh tu|cach|bi phat (?:khong|bao nhieu)|phat bao nhieu|muc phat)\\b',
);

export const HUMAN =
  /\b(?:(?:gap|goi|can|muon) (?:truc tiep )?(?:can bo|cb|nhan vien|nv|tong dai vien|nguoi that|chuyen vien|tu van vien|dien thoai vien)|(?:chuyen|ket noi|noi may|lien he|lien lac|cho noi chuyen)(?: (?:cho|qua|sang|voi|toi|den|gap|em|minh))* (?:can bo|cb|nhan vien|nv|tong dai vien|nguoi that|chuyen vien|tu van vien|dien thoai vien)|noi chuyen (?:voi|truc tiep voi) (?:nguoi|can bo|nhan vien|ai do)|nguoi that|(?:khong|chang) (?:muon )?(?:noi chuyen|chat|hoi) (?:voi )?(?:bot|may|robot))\b/;

/** Small-talk phrases; a message made only of these (and fillers) is small talk. */
export const SMALLTALK =
  /\b(?:ngu ngoc|ngu|kem|te|vo dung|chan qua|chan that|xin chao|chao|hello|hi|helo|hey|alo+|a lo|cam on(?: nhieu)?|cam ?on|tot qua|hay qua|tuyet voi|tuyet|ok|u|uhm|um|vang|da|duoc roi|roi|hieu roi|biet roi|tam biet|bye|bai bai|hen gap lai|ban la ai|ban ten gi|ban la bot|la bot|(?:ban )?la (?:robot|nguoi may)|bot hay nguoi(?: that)?|nguoi hay (?:may|bot)|(?:la )?nguoi that hay (?:la )?(?:may|bot|robot)|(?:la )?(?:may|bot|robot) hay (?:la )?nguoi(?: that)?|chuc (?:\w+ ){0,7}(?:vui ve|tot lanh|hieu qua|an lanh|thuan loi|suc khoe|thanh cong)|(?:co )?phai (?:la )?(?:bot|nguoi that|may|nguoi) khong|co ai (?:o |truc )?(?:do |day )?khong|co ai (?:ho tro|giup|tra loi|tu van)(?: \w+)? khong|mong (?:duoc )?(?:giai dap|ho tro|tra loi|huong dan|tu van)(?: \w+)?|co ai|co nguoi khong|ai do|ban (?:giup|lam) (?:duoc )?gi|giup (?:toi|em|minh)(?: voi)?|cho (?:toi |em |minh |chi |anh |co |chu |bac |ba )?hoi(?: chut| cai| ti| xiu)?|(?:toi|em|minh) (?:muon|can) hoi|hoi (?:chut|ti|xiu) (?:duoc )?(?:khong)?|good (?:morning|night)|(?:chao )?buoi (?:sang|trua|chieu|toi)|khong co gi|help|(?:can|muon|xin|nho) (?:duoc )?(?:ho tro|giup do|giup|tu van)|ho tro (?:toi|em|minh|giup)(?: voi)?|giup voi|hihi|haha|hehe|kaka|khoe khong|buoi sang|chuc (?:ngay moi|buoi)|tot lanh|vui ve|co a|co|khong a|khong|thoi|dong y)\b/g;

export const SMALLTALK_FILLERS = new Set([
  'a', 'ad', 'admin', 'ban', 'la', 'bot', 'em', 'anh', 'chi', 'oi', 'nhe', 'nha', 'ha', 'nhi', 'vay', 'the', 'nhieu', 'lam',
  'qua', 'rat', 'minh', 'toi', 'tong', 'dai', '1022', 'ak', 'ah', 'chu', 'co', 'khong', 'voi', 'shop', 'ca',
  'cac', 'moi', 'nguoi', 'thoi', 'you', 'very', 'much', 'so', 'tro', 'ao', 'ngay', 'chuc', 'day', 'do', 'ne', 'nghen', 'nghe', 'that', 'hay', 'hoi',
]);

export const STATUS_CUES =
  /\b(?:tra cuu|kiem tra|xem|tinh trang|trang thai|tien do|den dau|toi dau|sao roi|the nao roi|ra sao roi|co ket qua chua|xu li (?:den dau|toi dau|chua|xong chua)|ma phieu|phieu)\b/;
export const STATUS_OWN_TICKET =
  /\b(?:phieu|phan anh|kien nghi|don|yeu cau|cau hoi)(?: \w+){0,5} (?:(?:da )?(?:duoc )?xu li (?:chua|den dau|toi dau|xong chua)|den dau roi|toi dau roi|the nao roi|sao roi|co ket qua chua)\b/;

export type { Rule };
