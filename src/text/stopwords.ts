// Folded words that carry no procedure meaning in a citizen's message: pronouns, particles,
// greetings and question words. Section words (hồ sơ, lệ phí, bao lâu) are not listed: the
// ranker's IDF already gives them little weight, and the section detector needs them.

const WORDS = `
toi minh em anh chi ban chung ta tui tao ad admin shop bot ong ba co
a ah oi nhe nha nhi ha hen ne nhen ak uh u vay la nhung ay kia day
gi nao nhieu lau khong roi se da xin hoi muon phai voi va hoac neu de den vao
luon nua kieu vui long giup dum gium cam on chao alo nhu duoc biet ai hay cho
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}
