import { describe, expect, it } from 'vitest';
// The server's own rules (pure module), to hold the form to the same answer.
import {
  checkResponse,
  type SurveyDefinition,
  sectionPath as serverPath,
} from '../../../../edge/src/surveys/definition';
import { answersToSend, checkSurvey, sectionPath } from './logic';
import type { Answer, Answers } from './types';

// The server's type: what it stores is what the form reads.
// Sections with jumps forward and to the end, every question type, required and optional.
const definition: SurveyDefinition = {
  sections: [
    {
      id: 's1',
      title: 'Một',
      questions: [
        {
          id: 'a',
          type: 'single',
          title: 'A',
          required: true,
          options: [
            { id: 'x', label: 'X' },
            { id: 'y', label: 'Y' },
            { id: 'z', label: 'Z' },
          ],
        },
        {
          id: 'b',
          type: 'multiple',
          title: 'B',
          required: false,
          options: [
            { id: 'p', label: 'P' },
            { id: 'q', label: 'Q' },
          ],
        },
      ],
    },
    {
      id: 's2',
      title: 'Hai',
      questions: [
        { id: 'c', type: 'scale', title: 'C', required: true, scale: { min: 0, max: 10 } },
        {
          id: 'd',
          type: 'single',
          title: 'D',
          required: false,
          options: [
            { id: 'u', label: 'U' },
            { id: 'v', label: 'V' },
          ],
        },
      ],
    },
    {
      id: 's3',
      title: 'Ba',
      questions: [{ id: 'e', type: 'text', title: 'E', required: true, maxLength: 12 }],
    },
    {
      id: 's4',
      title: 'Bốn',
      questions: [
        { id: 'f', type: 'scale', title: 'F', required: false, scale: { min: 1, max: 5 } },
      ],
    },
  ],
  logic: [
    { questionId: 'a', optionId: 'y', goTo: 's3' },
    { questionId: 'a', optionId: 'z', goTo: 'end' },
    { questionId: 'd', optionId: 'v', goTo: 's4' },
  ],
};

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** Answers a person might send: right, missing, too long, out of range, unknown options. */
function someAnswers(next: () => number): Answers {
  const answers: Answers = {};
  const maybe = (id: string, options: (Answer | undefined)[]) => {
    const answer = pick(next, options);
    if (answer) answers[id] = answer;
  };
  maybe('a', [
    undefined,
    { optionIds: ['x'] },
    { optionIds: ['y'] },
    { optionIds: ['z'] },
    { optionIds: ['w'] },
  ]);
  maybe('b', [undefined, { optionIds: ['p'] }, { optionIds: ['p', 'q'] }, { optionIds: ['r'] }]);
  maybe('c', [undefined, { value: 0 }, { value: 10 }, { value: 11 }, { value: 3.5 }]);
  maybe('d', [undefined, { optionIds: ['u'] }, { optionIds: ['v'] }]);
  maybe('e', [
    undefined,
    { value: 'Ổn' },
    { value: '   ' },
    { value: 'quá dài, hơn mười hai ký tự' },
  ]);
  maybe('f', [undefined, { value: 1 }, { value: 6 }]);
  return answers;
}

describe('the form and the server agree', () => {
  it('on the path and on every problem, for 2,000 answer sets', () => {
    const next = random(20250312);
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const answers = someAnswers(next);
      expect(sectionPath(definition, answers)).toEqual(serverPath(definition, answers));
      const mine = checkSurvey(definition, answers);
      const server = checkResponse(definition, answersToSend(definition, answers));
      expect(server.ok ? {} : server.questions, JSON.stringify(answers)).toEqual(mine);
      if (server.ok) accepted++;
    }
    // Both outcomes were exercised.
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(1950);
  });
});
