/**
 * What the FAQ's vector side embeds. An entry is embedded by its standard question alone (the
 * replies open with boilerplate, "网友…：您好！您的留言已收悉", that every entry shares); a user's
 * question by its first QUERY_CHARS characters (the ask comes first in messages; a CPU model's cost
 * grows with length, and the lexical side still reads up to 1,000).
 */
export const FAQ_VECTOR_QUERY_CHARS = 200;

export const faqEntryText = (entry: { question: string }): string => entry.question;

export const faqQueryText = (question: string): string => question.trim().slice(0, FAQ_VECTOR_QUERY_CHARS);
