import { isLangChainTool } from '@langchain/core/utils/function_calling';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { toGeminiTool } from './gemini-declarations';

type BindTools = ChatGoogleGenerativeAI['bindTools'];

/**
 * ChatGoogleGenerativeAI whose tools are declared by `toGeminiTool` rather than by the library's
 * own conversion, which forwards JSON Schema keywords the Gemini API refuses (an exclusive bound
 * from `z.number().positive()` fails every request with 400). Provider-native tools pass as given.
 */
export class GeminiChatModel extends ChatGoogleGenerativeAI {
  override bindTools(...[tools, kwargs]: Parameters<BindTools>): ReturnType<BindTools> {
    const ours = tools.filter((t): t is StructuredToolInterface => isLangChainTool(t));
    const native = tools.filter((t) => !isLangChainTool(t));
    return super.bindTools(ours.length ? [...native, toGeminiTool(ours)] : native, kwargs);
  }
}
