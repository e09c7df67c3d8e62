import { Grid, type FormProps } from 'antd';

/** Phone width (< 768 px): one column, labels on top, full-width drawers. */
export const useIsPhone = (): boolean => {
  const screens = Grid.useBreakpoint();
  return !(screens.md ?? window.innerWidth >= 768);
};

/** Labels on the left at desktop width, on top on a phone (STYLE.md, Screens). */
export const useFormLayout = (): Pick<FormProps, 'layout' | 'labelCol' | 'wrapperCol' | 'labelWrap'> => {
  const phone = useIsPhone();
  return phone
    ? { layout: 'vertical' }
    : { layout: 'horizontal', labelCol: { flex: '112px' }, wrapperCol: { flex: 1 }, labelWrap: true };
};
