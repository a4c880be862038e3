// Generated from the API's OpenAPI document by scripts/generate-widget-types.ts: do not edit.
// Regenerate after changing a route's schema: npx tsx scripts/generate-widget-types.ts
export interface paths {
    "/v1/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sites on the platform */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sites: {
                                code: string;
                                name: string;
                                level?: string;
                                regionCode?: string | null;
                                domains?: string[];
                            }[];
                        };
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search documents (站内搜索) */
        get: {
            parameters: {
                query: {
                    /** @description 查询词; any length is accepted, only the first 200 characters are used */
                    q: string;
                    /** @description site code the search comes from */
                    site?: string;
                    scope?: "site" | "region" | "platform";
                    siteLevel?: "platform" | "province" | "city" | "county" | "department";
                    region?: string;
                    infoType?: string;
                    topic?: string;
                    issuer?: string;
                    year?: number;
                    validity?: "current" | "all";
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            query: string;
                            total: number;
                            offset: number;
                            limit: number;
                            results: {
                                id: string;
                                /** @description plain text as published (it may hold < or &): show it as text, or use titleHtml */
                                title: string;
                                /** @description the title HTML-escaped, matched terms in <em> */
                                titleHtml: string;
                                /** @description what opens the document: its http(s) source, else its page /d/<id> */
                                url: string;
                                site: {
                                    code: string;
                                    name: string;
                                };
                                infoType: string;
                                issuer?: string | null;
                                docNumber: string | null;
                                publishedAt: string | null;
                                validity?: string;
                                /** @description false for repealed or expired documents: show a label (已失效) */
                                current: boolean;
                                /** @description an excerpt HTML-escaped, matched terms in <em> */
                                snippet: string;
                                /** @description comparable within one response only */
                                score?: number;
                                /** @description 'pinned' | 'docNumber' | 'exactTitle' when not just by text */
                                matchedBy?: string;
                                /** @description the same text on other sites (one result per repost cluster): count exact, at most 10 sites listed */
                                reposts?: {
                                    count: number;
                                    sites: {
                                        code: string;
                                        name: string;
                                        url?: string;
                                    }[];
                                };
                                /** @description the page's attachments (附件), in page order: the page and its attachments are one policy */
                                attachments?: {
                                    title: string;
                                    url: string;
                                }[];
                                /** @description set when the words matched one of the page's attachments: the snippet is from that attachment */
                                foundIn?: {
                                    title: string;
                                    url: string;
                                };
                            }[];
                            /** @description counts by infoType, site, year, validity, topic, issuer */
                            facets?: {
                                [key: string]: {
                                    value: string;
                                    count: number;
                                }[];
                            };
                            /** @description facet counts estimated from a sample (very broad queries): shown as 约 N */
                            facetsEstimated?: boolean;
                            /** @description the query was longer than analysed; only its start was used */
                            truncated?: boolean;
                            /** @description 您是不是要找: applied = these results are for it */
                            correction?: {
                                query: string;
                                applied: boolean;
                            };
                            expansions?: string[];
                            /** @description only when nothing matched */
                            noResults?: {
                                /** @description the 文号 asked for (canonical form) when no document bears it */
                                docNumberNotFound?: string;
                                suggestions: string[];
                                broaderScope?: {
                                    /** @enum {string} */
                                    scope: "platform";
                                    total: number;
                                };
                                hotTopics: string[];
                            };
                            tookMs?: number;
                        };
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Autocomplete, hot and related searches (搜索建议) */
        get: {
            parameters: {
                query?: {
                    /** @description what has been typed: characters, full pinyin (shebaoka) or initials (sbk); empty = hot searches */
                    q?: string;
                    /** @description site code of the search box */
                    site?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            query?: string;
                            suggestions: {
                                text: string;
                                kind?: string;
                                /** @enum {string} */
                                matchedBy?: "prefix" | "pinyin" | "initials" | "hot";
                            }[];
                            related?: string[];
                            /** @description hot searches for the site (always given when the query is empty) */
                            hot?: string[];
                            noMatch?: {
                                corrections: string[];
                                broaderScope?: {
                                    /** @enum {string} */
                                    scope: "platform";
                                    suggestions: string[];
                                };
                                hotTopics: string[];
                            };
                            tookMs?: number;
                        };
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ask": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask a question (智能问答): curated FAQ answer, suggestions, a cited answer from the library, or not found */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 问题; only the first 500 characters are used */
                        question: string;
                        /** @description site code the question comes from */
                        site?: string;
                        /**
                         * @description which documents may answer (default: the site, else the platform)
                         * @enum {string}
                         */
                        scope?: "site" | "region" | "platform";
                        /** @description earlier turns, oldest first; a follow-up ("那需要什么材料") borrows the previous question's terms */
                        history?: {
                            /** @enum {string} */
                            role: "user" | "assistant";
                            content: string;
                        }[];
                        /** @description answer as server-sent events (also when Accept: text/event-stream) */
                        stream?: boolean;
                    };
                };
            };
            responses: {
                /** @description the answer */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answerId: string;
                            question: string;
                            /** @description the follow-up with the previous question's terms, when rewritten */
                            rewrittenQuestion?: string | null;
                            /** @enum {string} */
                            kind: "faq" | "suggestions" | "library" | "not_found";
                            faq?: {
                                id: number;
                                question: string;
                                confidence: number;
                            } | null;
                            suggestions: {
                                id: number;
                                question: string;
                                confidence: number;
                            }[];
                            /** @description plain text with [n] citation markers ("" when nothing was found) */
                            text: string;
                            /** @description the curated answer's sanitised HTML (FAQ answers only) */
                            html?: string | null;
                            sentences?: {
                                text: string;
                                cites: number[];
                            }[];
                            citations: {
                                /** @description the number its [n] markers use */
                                n: number;
                                id: string;
                                title: string;
                                issuer?: string | null;
                                docNumber?: string | null;
                                date?: string | null;
                                url: string;
                                site?: {
                                    code: string;
                                    name: string;
                                };
                                infoType?: string;
                                validity?: string;
                                current: boolean;
                                /** @description 已废止 / 已失效 beside the title; null for current documents */
                                label: string | null;
                            }[];
                            related: {
                                id: string;
                                title: string;
                                url: string;
                                infoType?: string;
                                current?: boolean;
                                label?: string | null;
                            }[];
                            /** @description when nothing answers: the honest message and where to turn (留言, 12345) */
                            notFound?: {
                                message: string;
                                channels: {
                                    name: string;
                                    url?: string;
                                    phone?: string;
                                }[];
                            } | null;
                            /** @enum {string|null} */
                            generator?: "faq" | "extractive" | "llm" | null;
                            confidence: number;
                            /** @description what the LLM path did (dropped sentences, fallback reason), when an LLM is configured */
                            llm?: Record<string, never>;
                            tookMs?: number;
                        };
                        "text/event-stream": string;
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/library": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the library holds (sample data only or real data) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description only the fictional sample city is loaded */
                            sampleOnly: boolean;
                        };
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rate an answer (有用 / 没用) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the answerId returned by POST /v1/ask */
                        answerId: string;
                        /** @description true = 有用, false = 没用 (the question joins the editors' queue) */
                        helpful: boolean;
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description true for 没用: the question joined the editors' queue */
                            queued: boolean;
                        };
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An error: a stable code (see library/errors.ts), what happened and what to do */
        ErrorResponse: {
            error: {
                /** @description stable error code, e.g. UNKNOWN_SITE, BAD_REQUEST, NOT_FOUND */
                code: string;
                message: string;
                details?: Record<string, never>;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
